using MicroEvents.Claims;
using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment.Events;
using MicroEvents.Mail;
using MicroEvents.Rejections;
using MicroEvents.Skus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace MicroEvents.Fulfilment;

/// <summary>
/// One token's fulfilment order on its own stream <c>order/{drop}/{token}</c>: a thin shell around
/// <see cref="OrderDecisions"/> that does the side effects first (stock holds on the SKU actors, the partner
/// call) and then records them. Reentrant, so partner callbacks and reads are answered while a partner
/// request is still being retried. A durable reminder keeps an order that waits on details or on the
/// partner moving across silo restarts.
/// </summary>
[Reentrant]
public sealed class FulfilmentOrderGrain(EventJournal journal, TimeProvider clock, OrderDocuments documents, PartnerClient partner,
    MailOutbox outbox, ClaimSecrets secrets, IOptions<FulfilmentOptions> options, ILogger<FulfilmentOrderGrain> log,
    FulfilmentMetrics metrics)
    : EventSourcedGrain<OrderState, OrderEvent>(journal, clock), IFulfilmentOrderGrain, IRemindable
{
    private const string CheckReminder = "order-check";
    private Task _submitting = Task.CompletedTask;

    protected override string Kind => "order";

    private string OrderId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => Clock.GetUtcNow();
    private FulfilmentOptions Options => options.Value;

    // An order interrupted by a restart (waiting on details, or mid-request to the partner) picks up here.
    protected override async Task OnLoaded(OrderState state)
    {
        if (state.Status is OrderStatus.AwaitingDetails or OrderStatus.Open) await KeepChecking();
        if (state.Status == OrderStatus.Open) SubmitInBackground();
        if (OrderDecisions.NeedsReconciling(state))
        {
            await KeepChecking();
            ReconcileInBackground();
        }
        if (state.Status == OrderStatus.DeadLetter) await documents.DeadLetter(new DeadLetteredOrder { Id = OrderId, Attempts = state.Attempts, LastError = state.LastError ?? "", At = Now });
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
        if (await Execute(s => OrderDecisions.Details(s, details with { Address = address }, hash, Now))) SubmitInBackground();
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
        await Execute(s => OrderDecisions.Report(s, report, Now));
        // The partner has the order after all: it is no operator's dead letter any more.
        if (wasDeadLetter && Confirmed.Status != OrderStatus.DeadLetter) await documents.ClearDeadLetter(OrderId);
        if (OrderDecisions.NeedsReconciling(Confirmed))
        {
            await KeepChecking();
            ReconcileInBackground();
        }
        return View(Confirmed);
    }

    public async Task<OrderView> Retry()
    {
        if (Confirmed is { Status: OrderStatus.Unmapped, Unmapped: { } unmapped }) return await Request(unmapped);
        if (await Execute(s => OrderDecisions.Retry(s, Now)))
        {
            await documents.ClearDeadLetter(OrderId);
            await KeepChecking();
            SubmitInBackground();
        }
        return View(Confirmed);
    }

    public async Task<OrderView> RequestReturn(string reason, string signer)
    {
        OrderDecisions.Holder(await Stored(), signer);
        if (await Execute(s => OrderDecisions.Return(s, reason, Now, Options.ReturnWindow)))
            await partner.Return(OrderId, CancellationToken.None);
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
        if (Confirmed.Status == OrderStatus.Open) SubmitInBackground();
        ReconcileInBackground();
        if (Confirmed.Status is not (OrderStatus.AwaitingDetails or OrderStatus.Open) && !OrderDecisions.NeedsReconciling(Confirmed)) await StopChecking();
        return View(Confirmed);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == CheckReminder) await CheckDeadline();
    }

    private void SubmitInBackground()
    {
        if (_submitting.IsCompleted) _submitting = Submit();
    }

    private async Task Submit()
    {
        try
        {
            var state = Confirmed;
            if (state.Status != OrderStatus.Open) return;
            var address = (await documents.Private(OrderId))?.Address;
            if (address is null)
            {
                log.LogError("Order {Order} has details but no stored address", OrderId);
                return;
            }
            var answer = await partner.Submit(OrderId, state.Request!.Shortcode, state.Lines, address, CancellationToken.None);
            var partnerOrderId = answer.PartnerOrderId;
            var error = answer.Error ?? "unknown";
            if (partnerOrderId is null && !answer.Refused)
            {
                // Ambiguous (a timeout or a lost connection after the request went out): the partner may have taken it.
                var found = await partner.Lookup(OrderId, CancellationToken.None);
                partnerOrderId = found.PartnerOrderId;
                if (partnerOrderId is null) error += found.Missing ? "; the partner holds no order under its idempotency key" : $"; looking it up failed too: {found.Error}";
            }
            if (partnerOrderId is not null) await RecordSubmission(partnerOrderId, answer.Attempts);
            else if (await Execute(s => OrderDecisions.DeadLettered(s, answer.Attempts, error, Now)))
            {
                await documents.DeadLetter(new DeadLetteredOrder { Id = OrderId, Attempts = Confirmed.Attempts, LastError = error, At = Now });
                await StopChecking();
            }
            // The partner's callbacks may have come in while this request was out: they say it has the order.
            if (OrderDecisions.NeedsReconciling(Confirmed)) await Reconcile();
        }
        catch (Exception e)
        {
            // Storage trouble while recording: the reminder tries again; the idempotency key keeps it one order at the partner.
            log.LogWarning(e, "Submitting order {Order} failed; the next check retries", OrderId);
        }
    }

    /// <summary>
    /// The partner reported on an order we never recorded as submitted (its answer was lost to a timeout): ask it
    /// which order it holds under our idempotency key and record that, so the order carries the partner's id.
    /// </summary>
    private void ReconcileInBackground()
    {
        if (_submitting.IsCompleted && OrderDecisions.NeedsReconciling(Confirmed)) _submitting = ReconcileLogged();
    }

    private async Task ReconcileLogged()
    {
        try
        {
            await Reconcile();
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Reconciling order {Order} with the partner failed; the next check retries", OrderId);
        }
    }

    private async Task Reconcile()
    {
        var found = await partner.Lookup(OrderId, CancellationToken.None);
        if (found.PartnerOrderId is { } partnerOrderId) await RecordSubmission(partnerOrderId, 0);
        else log.LogWarning("The partner reported on order {Order} but its lookup found nothing: {Error}", OrderId, found.Error ?? "not found");
    }

    private async Task RecordSubmission(string partnerOrderId, int attempts)
    {
        var wasDeadLetter = Confirmed.Status == OrderStatus.DeadLetter || Confirmed.LastError is not null;
        await Execute(s => OrderDecisions.Submitted(s, partnerOrderId, attempts, Now));
        if (wasDeadLetter) await documents.ClearDeadLetter(OrderId);
        await StopChecking();
    }

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
