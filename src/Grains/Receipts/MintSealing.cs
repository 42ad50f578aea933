using MicroEvents.Drops.Events;
using MicroEvents.Feeds;

namespace MicroEvents.Receipts;

/// <summary>
/// Sealing starts on mint, not on the first receipt request: the feed of mints wakes each minting drop's
/// sealer. A poke only activates the sealer (it seals on its own timer), so the one feed reader of the
/// cluster never waits for hashing; a poke that fails is delivered again with its batch.
/// </summary>
public sealed class MintSealing(IGrainFactory grains) : IFeedHandler
{
    public string Name => "receipt-sealing";

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TokenMinted)];

    public Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct) =>
        Task.WhenAll(events.Select(e => e.StreamId).Distinct().Select(drop => grains.GetGrain<IReceiptSealerGrain>(drop).Poke()));
}
