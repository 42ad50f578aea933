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

    public Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct)
    {
        // Thousands of mints of a few drops per batch: one poke per drop, its id cut out once, not once per mint.
        var drops = new HashSet<string>(StringComparer.Ordinal);
        var pokes = new List<Task>();
        foreach (var e in events)
            if (drops.Add(e.StreamKey)) pokes.Add(grains.GetGrain<IReceiptSealerGrain>(e.StreamId).Poke());
        return Task.WhenAll(pokes);
    }
}
