using MicroEvents.Feeds;
using MicroEvents.Receipts.Events;
using MicroEvents.Settlement.Chain;

namespace MicroEvents.Settlement;

/// <summary>
/// Every sealed batch root, in whichever stream it was sealed (<c>receipts/{drop}</c> or <c>drop/{drop}</c>),
/// goes to this signer's settlement actor. Redelivery is harmless: the actor ignores roots it knows.
/// </summary>
public sealed class SettlementFeed(IGrainFactory grains, AnchorChain chain) : IFeedHandler
{
    public string Name => "settlement-anchors";

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(BatchSealed)];

    public async Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct)
    {
        var requests = events
            .Where(e => e.Data is BatchSealed)
            .Select(e => (Drop: e.StreamId, Batch: (BatchSealed)e.Data))
            .Select(x => new AnchorRequest(x.Drop, x.Batch.Root, x.Batch.FirstToken, x.Batch.LastToken))
            .ToList();
        if (requests.Count == 0) return;
        await grains.GetGrain<ISettlementGrain>(await chain.Key()).Queue(requests);
    }
}
