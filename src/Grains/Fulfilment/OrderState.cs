using System.Collections.Immutable;
using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment.Events;

namespace MicroEvents.Fulfilment;

/// <summary>
/// A fulfilment order as the fold of its events. Partner progress only moves forward: <see cref="Progress"/>
/// is the highest rank reached, and an exception shows as the status without lowering it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OrderState : IEventFold<OrderState, OrderEvent>
{
    public static OrderState Initial => new();

    [Id(0)] public FulfilmentRequested? Request { get; init; }
    [Id(1)] public string? Status { get; init; }
    [Id(2)] public int Progress { get; init; }
    [Id(3)] public ImmutableList<OrderLine> Lines { get; init; } = [];
    [Id(4)] public string? UnmappedReason { get; init; }
    /// <summary>Attempts that ended unmapped: each later attempt holds stock under a new reservation id.</summary>
    [Id(5)] public int UnmappedAttempts { get; init; }
    [Id(6)] public string? ContactHash { get; init; }
    [Id(7)] public bool ReminderSent { get; init; }
    [Id(8)] public string? AddressHash { get; init; }
    [Id(9)] public string? PartnerOrderId { get; init; }
    [Id(10)] public int Attempts { get; init; }
    [Id(11)] public string? LastError { get; init; }
    [Id(12)] public string? Carrier { get; init; }
    [Id(13)] public string? TrackingNumber { get; init; }
    [Id(14)] public DateTimeOffset? DeliveredAt { get; init; }
    [Id(15)] public string? ReturnOutcome { get; init; }
    [Id(16)] public ImmutableHashSet<string> Callbacks { get; init; } = [];
    /// <summary>The request of an order that could not hold its stock, for an operator's retry.</summary>
    [Id(17)] public OrderRequest? Unmapped { get; init; }
    /// <summary>
    /// The partner call the order waits for (<see cref="PartnerCall"/>; null: none), worked by the partner-submissions feed.
    /// Independent of <see cref="Status"/>: the partner may call back before its answer to our request is recorded, and
    /// the two must commute.
    /// </summary>
    [Id(18)] public string? PendingCall { get; init; }
    /// <summary>Lookups by idempotency key that failed for an order the partner reported on; the check asks again up to a limit.</summary>
    [Id(19)] public int LookupFailures { get; init; }

    /// <summary>The id the order's stock is held under on every SKU.</summary>
    public string ReservationId(string orderId) => UnmappedAttempts == 0 ? orderId : $"{orderId}/retry-{UnmappedAttempts}";

    public OrderState Apply(OrderEvent e) => e switch
    {
        FulfilmentRequested r => this with
        {
            Request = r, Status = OrderStatus.AwaitingDetails, UnmappedReason = null,
            Lines = [.. r.Skus.Select(s => new OrderLine(s, null))],
        },
        FulfilmentUnmapped u => this with
        {
            Status = OrderStatus.Unmapped, UnmappedReason = u.Reason, UnmappedAttempts = UnmappedAttempts + 1,
            Unmapped = new OrderRequest(u.DropId, u.TokenNumber, u.ClaimId, u.Wallet, u.Tier, u.Skus, u.MintedAt),
        },
        ContactGiven c => this with { ContactHash = c.EmailHash },
        DetailsProvided d => this with
        {
            Status = OrderStatus.Open, AddressHash = d.AddressHash, PendingCall = PartnerCall.Submit,
            Lines = [.. Lines.Select(l => l with { Variant = d.Variants.FirstOrDefault(v => v.Sku == l.Sku)?.Variant ?? l.Variant })],
        },
        DetailsReminderSent => this with { ReminderSent = true },
        FulfilmentCancelled => this with { Status = OrderStatus.Cancelled },
        FulfilmentSubmitted s => Forward(OrderStatus.Submitted) with
        {
            PartnerOrderId = s.PartnerOrderId, Attempts = Attempts + s.Attempts, LastError = null, PendingCall = null,
        },
        FulfilmentDeadLettered d => this with { Status = OrderStatus.DeadLetter, Attempts = Attempts + d.Attempts, LastError = d.LastError, PendingCall = null },
        FulfilmentRetried => this with { Status = OrderStatus.Open, PendingCall = PartnerCall.Submit },
        // A pending submission looks the order up itself when its answer is ambiguous: it stays the call to make.
        PartnerLookupRequested => this with { PendingCall = PendingCall ?? PartnerCall.Lookup },
        PartnerLookupFailed => this with { PendingCall = null, LookupFailures = LookupFailures + 1 },
        PartnerStatusReported p => Reported(p),
        ReturnRequested => Forward(OrderStatus.ReturnRequested),
        _ => this,
    };

    private OrderState Reported(PartnerStatusReported p)
    {
        var seen = this with { Callbacks = Callbacks.Add(p.EventId) };
        if (p.Status == OrderStatus.Exception) return seen with { Status = OrderStatus.Exception, LastError = p.Reason };
        var next = seen.Forward(p.Status);
        // A late report (shipped after delivered) keeps its facts without moving the status back; known facts stay.
        return p.Status switch
        {
            OrderStatus.Shipped => next with { Carrier = Carrier ?? p.Carrier, TrackingNumber = TrackingNumber ?? p.TrackingNumber },
            OrderStatus.Delivered => next with { DeliveredAt = DeliveredAt ?? p.At },
            OrderStatus.Returned => next with { ReturnOutcome = p.Restock == false ? $"written-off: {p.Reason}" : "restocked" },
            _ => next,
        };
    }

    private OrderState Forward(string status)
    {
        var rank = OrderStatus.Rank(status);
        return rank > Progress ? this with { Status = status, Progress = rank } : this;
    }
}
