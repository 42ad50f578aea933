using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment.Events;
using MicroEvents.Rejections;

namespace MicroEvents.Fulfilment;

/// <summary>
/// Pure decisions of a fulfilment order. Stock holds happen in the shell before the decision records them; partner calls
/// are asked for by a decision and made by the partner-submissions feed (see <c>OrderDecisions.Partner.cs</c>).
/// </summary>
public static partial class OrderDecisions
{
    public static Decision<bool, OrderEvent> Requested(OrderState state, OrderRequest request, string shortcode, DateTimeOffset now, TimeSpan detailsWindow) =>
        state.Request is not null
            ? Decision<bool, OrderEvent>.Unchanged(false)
            : new(true, [new FulfilmentRequested(request.DropId, request.TokenNumber, request.ClaimId, request.Wallet, request.Tier,
                [.. request.Skus], shortcode, request.MintedAt + detailsWindow, now)]);

    public static Decision<bool, OrderEvent> Unmapped(OrderState state, OrderRequest request, string reason, DateTimeOffset now) =>
        state.Request is not null
            ? Decision<bool, OrderEvent>.Unchanged(false)
            : new(true, [new FulfilmentUnmapped(request.DropId, request.TokenNumber, request.ClaimId, reason, now, request.Wallet, request.Tier, [.. request.Skus], request.MintedAt)]);

    /// <summary>Who may act for the order: the wallet its token went to.</summary>
    public static void Holder(OrderState state, string signer)
    {
        Exists(state);
        if (!string.Equals(state.Request!.Wallet, signer, StringComparison.OrdinalIgnoreCase))
            throw new Rejected(FulfilmentRejectionCodes.NotTheHolder, "Only the wallet that holds the token may act on its order; sign with it.");
    }

    /// <summary>Checks before any stock moves: details are taken while the order waits for them, once.</summary>
    public static bool CanTakeDetails(OrderState state, OrderDetails details, string addressHash, DateTimeOffset now)
    {
        if (state.Status == OrderStatus.AwaitingDetails)
        {
            if (now >= state.Request!.DetailsDue) throw Closed("The details deadline passed; the stock went back.");
            var missing = state.Lines.Select(l => l.Sku).Except(details.Variants.Select(v => v.Sku)).ToList();
            var unknown = details.Variants.Select(v => v.Sku).Except(state.Lines.Select(l => l.Sku)).ToList();
            if (missing.Count > 0 || unknown.Count > 0 || details.Variants.Select(v => v.Sku).Distinct().Count() != details.Variants.Count)
                throw new Rejected(RejectionCodes.ValidationFailed, "Choose exactly one variant for each SKU of the order.",
                    new Dictionary<string, string[]> { ["variants"] = [$"must name each of: {string.Join(", ", state.Lines.Select(l => l.Sku))}"] });
            return true;
        }
        if (state.AddressHash == addressHash && state.Lines.All(l => details.Variants.Any(v => v.Sku == l.Sku && v.Variant == l.Variant))) return false;
        throw Closed(state.Status == OrderStatus.Cancelled ? "The details deadline passed; the stock went back." : "The details were given already; the order is on its way.");
    }

    public static Decision<bool, OrderEvent> Details(OrderState state, OrderDetails details, string addressHash, DateTimeOffset now) =>
        state.Status != OrderStatus.AwaitingDetails
            ? Decision<bool, OrderEvent>.Unchanged(false)
            : new(true, [new DetailsProvided([.. details.Variants], details.Address.Country, addressHash, now)]);

    public static Decision<bool, OrderEvent> Contact(OrderState state, string emailHash, DateTimeOffset now) =>
        state.ContactHash == emailHash ? Decision<bool, OrderEvent>.Unchanged(false) : new(true, [new ContactGiven(emailHash, now)]);

    public static Decision<bool, OrderEvent> Remind(OrderState state, DateTimeOffset now) =>
        state.Status != OrderStatus.AwaitingDetails || state.ReminderSent
            ? Decision<bool, OrderEvent>.Unchanged(false)
            : new(true, [new DetailsReminderSent(now)]);

    public static Decision<bool, OrderEvent> Cancel(OrderState state, string reason, DateTimeOffset now) =>
        state.Status != OrderStatus.AwaitingDetails
            ? Decision<bool, OrderEvent>.Unchanged(false)
            : new(true, [new FulfilmentCancelled(reason, now)]);

    public static Decision<bool, OrderEvent> Retry(OrderState state, DateTimeOffset now)
    {
        if (state.Status != OrderStatus.Unmapped) Exists(state);
        if (state.Status is OrderStatus.Open or OrderStatus.Unmapped) return Decision<bool, OrderEvent>.Unchanged(false);
        if (state.Status != OrderStatus.DeadLetter)
            throw new Rejected(FulfilmentRejectionCodes.NotDeadLettered, $"The order is {state.Status}, not dead-lettered.");
        return new(true, [new FulfilmentRetried(now)]);
    }

    /// <summary>
    /// A partner report: recorded once per callback id, when it moves the order on (or reports an exception), or when
    /// it arrives late with a fact the order lacks (a <c>shipped</c> after <c>delivered</c> still brings the carrier and
    /// tracking number; the status does not move back).
    /// </summary>
    public static Decision<bool, OrderEvent> Report(OrderState state, PartnerReport report, DateTimeOffset now)
    {
        Exists(state);
        if (state.Callbacks.Contains(report.EventId)) return Decision<bool, OrderEvent>.Unchanged(false);
        var moves = report.Status == OrderStatus.Exception
            ? state.Progress < OrderStatus.Rank(OrderStatus.Delivered)
            : OrderStatus.Rank(report.Status) > state.Progress || AddsLateFact(state, report);
        if (!moves || state.Status is OrderStatus.Cancelled or OrderStatus.Unmapped or OrderStatus.AwaitingDetails) return Decision<bool, OrderEvent>.Unchanged(false);
        var at = report.At > now ? now : report.At;
        var reported = new PartnerStatusReported(report.EventId, report.Status, report.Carrier, report.TrackingNumber, report.Reason, report.Restock, at);
        return LookUpIfUnknown(state.Apply(reported), "callback", now) is { } lookup ? new(true, [reported, lookup]) : new(true, [reported]);
    }

    private static bool AddsLateFact(OrderState state, PartnerReport report) => report.Status switch
    {
        OrderStatus.Shipped => (state.Carrier is null && report.Carrier is not null) || (state.TrackingNumber is null && report.TrackingNumber is not null),
        OrderStatus.Delivered => state.DeliveredAt is null,
        _ => false,
    };

    public static Decision<bool, OrderEvent> Return(OrderState state, string reason, DateTimeOffset now, TimeSpan window)
    {
        Exists(state);
        if (state.Progress >= OrderStatus.Rank(OrderStatus.ReturnRequested)) return Decision<bool, OrderEvent>.Unchanged(false);
        if (state.DeliveredAt is not { } delivered)
            throw new Rejected(FulfilmentRejectionCodes.NotReturnable, $"The order is {state.Status}; only a delivered order can be returned.");
        if (now > delivered + window)
            throw new Rejected(FulfilmentRejectionCodes.ReturnWindowClosed,
                $"Returns close {window.TotalDays:0.#} days after delivery ({delivered + window:u}).");
        return new(true, [new ReturnRequested(reason, now)]);
    }

    private static void Exists(OrderState state)
    {
        if (state.Request is null) throw new Rejected(FulfilmentRejectionCodes.OrderNotFound, "No such order.");
    }

    private static Rejected Closed(string detail) => new(FulfilmentRejectionCodes.DetailsClosed, detail);
}
