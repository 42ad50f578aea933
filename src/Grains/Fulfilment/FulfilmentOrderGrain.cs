using MicroEvents.Claims;
using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment.Events;
using MicroEvents.Mail;
using MicroEvents.Rejections;
using MicroEvents.Skus;
using Microsoft.Extensions.Options;

namespace MicroEvents.Fulfilment;

/// <summary>
/// One token's fulfilment order on its own stream <c>order/{drop}/{token}</c>: a thin shell around
/// <see cref="OrderDecisions"/> that holds stock on the SKU actors before recording it. It makes no partner call
/// itself: a decision asks for one (<see cref="OrderState.PendingCall"/>), the partner-submissions feed
/// (<see cref="SubmissionsToPartner"/>) makes it and reports the outcome back as a command, so a restart between the
/// two loses nothing and every command sees one state. A durable reminder keeps an order that waits on details (or on
/// a lookup to ask again) moving across silo restarts.
/// </summary>
public sealed class FulfilmentOrderGrain(EventJournal journal, TimeProvider clock, OrderDocuments documents,
    MailOutbox outbox, ClaimSecrets secrets, IOptions<FulfilmentOptions> options, FulfilmentMetrics metrics)
    : EventSourcedGrain<OrderState, OrderEvent>(journal, clock), IFulfilmentOrderGrain, IRemindable
{
    private const string CheckReminder = "order-check";

    protected override string Kind => "order";

    private string OrderId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => Clock.GetUtcNow();
    private FulfilmentOptions Options => options.Value;

    // Re-arms the check of an order that needs one; a dead letter is listed for operators again (its entry is written after the event).
    protected override async Task OnLoaded(OrderState state)
    {
        if (OrderDecisions.NeedsChecking(state, Options.PartnerAttempts)) await KeepChecking();
        if (state.Status == OrderStatus.DeadLetter) await ListDeadLetter(state);
    }

    public async Task<OrderView> Request(OrderRequest request)
    {
        var state = await Stored();
        if (state.Request is not null) return View(Confirmed);

        var reservation = state.ReservationId(OrderId);
        var held = new List<string>();
        foreach (var sku in request.Skus)
        {
            try
            {
                await GrainFactory.GetGrain<ISkuGrain>(sku).Reserve(reservation, null);
                held.Add(sku);
            }
            catch (Rejected r) when (r.Code is SkuRejectionCodes.OutOfStock or SkuRejectionCodes.SkuNotFound or SkuRejectionCodes.ReservationEnded)
            {
                // All or nothing: give back what this attempt holds, and list the token for operators.
                foreach (var h in held) await GrainFactory.GetGrain<ISkuGrain>(h).Release(reservation, "order unmapped");
                if (await Execute(s => OrderDecisions.Unmapped(s, request, $"{r.Code}: {sku}", Now))) metrics.Recorded(FulfilmentMetrics.Unmapped, r.Code);
                return View(Confirmed);
            }
        }

        var code = await ShortcodeFor();
        if (await Execute(s => OrderDecisions.Requested(s, request, code, Now, Options.DetailsWindow))) metrics.Recorded(FulfilmentMetrics.Mapped);
        await KeepChecking();
        return View(Confirmed);
    }

    private async Task<string> ShortcodeFor()
    {
        for (var attempt = 0; ; attempt++)
        {
            var code = Shortcode.For(OrderId, attempt);
            if (await GrainFactory.GetGrain<IShortcodeGrain>(code).Assign(OrderId)) return code;
        }
    }

    public async Task<OrderView> GetOrder()
    {
        var state = await Stored();
        return state.Request is null && state.Status is null ? throw new Rejected(FulfilmentRejectionCodes.OrderNotFound, "No such order.") : View(state);
    }

    public async Task<OrderView> ProvideDetails(OrderDetails details, string signer)
    {
        var state = await Stored();
        OrderDecisions.Holder(state, signer);
        var address = AddressRules.Validate(details.Address);
        var hash = AddressRules.Hash(address);
        if (!OrderDecisions.CanTakeDetails(state, details, hash, Now)) return View(state);

        // The hold moves to the chosen variant first: a variant out of stock is refused before anything is recorded.
        var reservation = state.ReservationId(OrderId);
        foreach (var choice in details.Variants)
            await GrainFactory.GetGrain<ISkuGrain>(choice.Sku).Reserve(reservation, choice.Variant);
        await documents.SavePrivate(OrderId, d => d.Address = address);
        // Recorded with the address stored: the feed sends the order from here on, whatever happens to this activation.
        await Execute(s => OrderDecisions.Details(s, details with { Address = address }, hash, Now));
        return View(Confirmed);
    }

    public async Task<OrderView> GiveContact(string email, string signer)
    {
        OrderDecisions.Holder(await Stored(), signer);
        var normalized = CustodyEmail.Normalize(email);
        await documents.SavePrivate(OrderId, d => d.Email = normalized);
        await Execute(s => OrderDecisions.Contact(s, secrets.EmailHash("order/" + OrderId, normalized), Now));
        return View(Confirmed);
    }

    public async Task<OrderView> Report(PartnerReport report)
    {
        var state = await Stored();
        var decision = OrderDecisions.Report(state, report, Now);
        if (decision.Events.Count == 0) return View(state);
        var reservation = state.ReservationId(OrderId);
        // Stock follows the parcel: shipped takes the held units off the shelf; a returned item goes back on it (unless written off).
        // Reports can arrive out of order: whichever first says the parcel left (shipped, delivered…) ships the stock.
        if (report.Status != OrderStatus.Exception && OrderStatus.Rank(report.Status) >= OrderStatus.Rank(OrderStatus.Shipped) && state.Progress < OrderStatus.Rank(OrderStatus.Shipped))
            foreach (var line in state.Lines) await GrainFactory.GetGrain<ISkuGrain>(line.Sku).Ship(reservation);
        if (report.Status == OrderStatus.Returned && report.Restock != false)
            foreach (var line in state.Lines.Where(l => l.Variant is not null))
                await GrainFactory.GetGrain<ISkuGrain>(line.Sku).Receive(new StockMove($"return/{OrderId}", "returns", line.Variant!, 1, "return restocked"));
        var wasDeadLetter = state.Status == OrderStatus.DeadLetter;
        // A report on an order whose partner id we lack also asks the feed to look it up by idempotency key.
        await Execute(s => OrderDecisions.Report(s, report, Now));
        // The partner has the order after all: it is no operator's dead letter any more.
        if (wasDeadLetter && Confirmed.Status != OrderStatus.DeadLetter) await documents.ClearDeadLetter(OrderId);
        if (OrderDecisions.NeedsChecking(Confirmed, Options.PartnerAttempts)) await KeepChecking();
        return View(Confirmed);
    }

    public async Task<OrderView> Retry()
    {
        if (Confirmed is { Status: OrderStatus.Unmapped, Unmapped: { } unmapped }) return await Request(unmapped);
        if (await Execute(s => OrderDecisions.Retry(s, Now))) await documents.ClearDeadLetter(OrderId);
        return View(Confirmed);
    }

    public async Task<OrderView> RequestReturn(string reason, string signer)
    {
        OrderDecisions.Holder(await Stored(), signer);
        // The partner-submissions feed tells the partner (best effort, as before).
        await Execute(s => OrderDecisions.Return(s, reason, Now, Options.ReturnWindow));
        return View(Confirmed);
    }

    public async Task<OrderView> CheckDeadline()
    {
        var state = await Stored();
        if (state.Status == OrderStatus.AwaitingDetails)
        {
            var due = state.Request!.DetailsDue;
            if (Now >= due)
            {
                var reservation = state.ReservationId(OrderId);
                foreach (var line in state.Lines) await GrainFactory.GetGrain<ISkuGrain>(line.Sku).Release(reservation, "details deadline passed");
                await Execute(s => OrderDecisions.Cancel(s, "details-deadline", Now));
            }
            else if (Now >= due - Options.ReminderBefore && !state.ReminderSent && state.ContactHash is not null
                     && (await documents.Private(OrderId))?.Email is { } email)
            {
                await outbox.Enqueue(DetailsReminderMail.For(OrderId, state.Request.DropId, state.Request.TokenNumber, state.Request.Shortcode, email, due, Now));
                await Execute(s => OrderDecisions.Remind(s, Now));
            }
        }
        await Execute(s => OrderDecisions.LookUpAgain(s, Options.PartnerAttempts, Now));
        if (!OrderDecisions.NeedsChecking(Confirmed, Options.PartnerAttempts)) await StopChecking();
        return View(Confirmed);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == CheckReminder) await CheckDeadline();
    }

    public async Task<PartnerWork?> PendingPartnerWork() => OrderDecisions.PendingWork(await Stored());

    public async Task<OrderView> RecordPartnerOutcome(PartnerOutcome outcome)
    {
        var before = await Stored();
        if (!await Execute(s => OrderDecisions.Outcome(s, outcome, Now))) return View(Confirmed);
        var after = Confirmed;
        if (after.PartnerOrderId is not null)
        {
            if (before.Status == OrderStatus.DeadLetter || before.LastError is not null) await documents.ClearDeadLetter(OrderId);
        }
        else if (after.Status == OrderStatus.DeadLetter) await ListDeadLetter(after);
        if (OrderDecisions.NeedsChecking(after, Options.PartnerAttempts)) await KeepChecking();
        else await StopChecking();
        return View(after);
    }

    private Task ListDeadLetter(OrderState state) =>
        documents.DeadLetter(new DeadLetteredOrder { Id = OrderId, Attempts = state.Attempts, LastError = state.LastError ?? "", At = Now });

    private async Task KeepChecking()
    {
        var every = Options.CheckEvery;
        await this.RegisterOrUpdateReminder(CheckReminder, every, every);
    }

    private async Task StopChecking()
    {
        if (await this.GetReminder(CheckReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private OrderView View(OrderState s)
    {
        var (dropId, token) = OrderKey.Parse(OrderId);
        return new OrderView(OrderId, dropId, token, s.Status ?? "none", s.Request?.Shortcode is { } c ? Shortcode.Display(c) : null, s.Lines,
            s.Status == OrderStatus.AwaitingDetails ? s.Request?.DetailsDue : null, s.PartnerOrderId, s.Attempts, s.LastError,
            s.Carrier, s.TrackingNumber, s.DeliveredAt, s.DeliveredAt + Options.ReturnWindow, s.ReturnOutcome, s.UnmappedReason);
    }
}
