using MicroEvents.Feeds;
using MicroEvents.Fulfilment.Events;
using MicroEvents.Rejections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroEvents.Fulfilment;

/// <summary>
/// The orders' outbox to the partner, worked by a durable, checkpointed feed: the events that ask for a partner call
/// (details given, an operator's retry, a lookup asked for, a return) wake it for their order; it asks the order which
/// call is pending (the order's state, not the event, is the truth: a redelivered event finds nothing to do), makes it
/// with the order's idempotency key, and reports the outcome back to the order as a command. Delivered at least once:
/// a silo that dies mid-call leaves the batch unchecked, the next reader calls again under the same key, and the partner
/// holds one order. Retries with back-off happen inside one call (the partner pipeline, <see cref="FulfilmentSilo"/>).
/// </summary>
public sealed class SubmissionsToPartner(IGrainFactory grains, PartnerClient partner, OrderDocuments documents,
    IOptions<FulfilmentOptions> options, ILogger<SubmissionsToPartner> log) : IFeedHandler
{
    public const string FeedName = "partner-submissions";

    public string Name => FeedName;

    public IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(DetailsProvided), typeof(FulfilmentRetried), typeof(PartnerLookupRequested), typeof(ReturnRequested)];

    public async Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct)
    {
        var orders = events
            .Select(e => (IsOrder: OrderKey.Stream.TryParse(e.StreamKey, out var orderId), OrderId: orderId, e.Data))
            .Where(e => e.IsOrder)
            .GroupBy(e => e.OrderId)
            .Select(g => (OrderId: g.Key, Calls: g.Any(e => e.Data is not ReturnRequested), Returns: g.Any(e => e.Data is ReturnRequested)))
            .ToList();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = options.Value.FeedParallelism, CancellationToken = ct },
            async (order, token) =>
            {
                if (order.Calls) await Work(order.OrderId, token);
                // Best effort, as it always was: the return is recorded either way; the partner's callback confirms it.
                if (order.Returns) await partner.Return(order.OrderId, token);
            });
    }

    private async Task Work(string orderId, CancellationToken ct)
    {
        var order = grains.GetGrain<IFulfilmentOrderGrain>(orderId);
        try
        {
            if (await order.PendingPartnerWork() is not { } work) return;
            var outcome = work.Call == PartnerCall.Lookup ? await LookUp(orderId, ct) : await Submit(orderId, work, ct);
            await order.RecordPartnerOutcome(outcome);
        }
        catch (Rejected r) when (r.Code != RejectionCodes.Unavailable)
        {
            // A refusal of this order alone (it is gone, say) must not hold up every other order: logged, skipped.
            log.LogWarning("Partner work for order {Order} refused: {Code} {Detail}", orderId, r.Code, r.Message);
        }
    }

    private async Task<PartnerOutcome> Submit(string orderId, PartnerWork work, CancellationToken ct)
    {
        if ((await documents.Private(orderId))?.Address is not { } address)
        {
            log.LogError("Order {Order} has details but no stored address", orderId);
            return new PartnerOutcome(null, 0, "no shipping address is stored for the order");
        }
        var answer = await partner.Submit(orderId, work.Shortcode, work.Lines, address, ct);
        if (answer.PartnerOrderId is not null || answer.Refused) return new PartnerOutcome(answer.PartnerOrderId, answer.Attempts, answer.Error);
        // Ambiguous (a timeout or a lost connection after the request went out): the partner may have taken it.
        var found = await partner.Lookup(orderId, ct);
        var error = (answer.Error ?? "unknown") + (found.PartnerOrderId is not null ? ""
            : found.Missing ? "; the partner holds no order under its idempotency key" : $"; looking it up failed too: {found.Error}");
        return new PartnerOutcome(found.PartnerOrderId, answer.Attempts, found.PartnerOrderId is null ? error : null);
    }

    private async Task<PartnerOutcome> LookUp(string orderId, CancellationToken ct)
    {
        var found = await partner.Lookup(orderId, ct);
        if (found.PartnerOrderId is null)
            log.LogWarning("The partner reported on order {Order} but its lookup found nothing: {Error}", orderId, found.Error ?? "not found");
        return new PartnerOutcome(found.PartnerOrderId, 0, found.PartnerOrderId is null ? found.Error ?? "the partner holds no order under its idempotency key" : null);
    }
}
