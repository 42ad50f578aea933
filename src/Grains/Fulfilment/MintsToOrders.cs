using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.Feeds;
using Microsoft.Extensions.Options;

namespace MicroEvents.Fulfilment;

/// <summary>
/// Turns mints of merch-bearing drops into fulfilment orders, off the claim path: it is fed the drops'
/// <see cref="TokenMinted"/> events in sequence by a durable, checkpointed feed (at least once), and is
/// idempotent because each order's id is its drop and token number. A batch that fails is delivered again.
/// </summary>
public sealed class MintsToOrders(IGrainFactory grains, IOptions<FulfilmentOptions> options) : IFeedHandler
{
    public const string FeedName = "fulfilment-orders";

    public string Name => FeedName;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TokenMinted)];

    public async Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct)
    {
        var mints = events
            .Select(e => (IsDrop: DropStream.TryParse(e.StreamKey, out var dropId), DropId: dropId, e.Data))
            .Where(e => e.IsDrop && e.Data is TokenMinted)
            .Select(e => (e.DropId, Mint: (TokenMinted)e.Data))
            .ToList();
        foreach (var drop in mints.GroupBy(m => m.DropId))
        {
            var merch = grains.GetGrain<IMerchGrain>(drop.Key);
            // Most drops carry no merch: one look at the mapping and the whole group is skipped.
            if ((await merch.GetMerch()).MappedAt is null) continue;
            var ordered = new List<long>();
            var unmapped = new List<UnmappedToken>();
            await Parallel.ForEachAsync(drop, new ParallelOptions { MaxDegreeOfParallelism = options.Value.FeedParallelism, CancellationToken = ct }, async (m, _) =>
            {
                var skus = await merch.SkusFor(m.Mint.Tier, m.Mint.ClaimedAt);
                if (skus.Count == 0) return;
                var order = await grains.GetGrain<IFulfilmentOrderGrain>(OrderKey.Of(drop.Key, m.Mint.TokenNumber))
                    .Request(new OrderRequest(drop.Key, m.Mint.TokenNumber, m.Mint.ClaimId, m.Mint.Wallet, m.Mint.Tier, skus, m.Mint.ClaimedAt));
                lock (ordered)
                {
                    if (order.Status == OrderStatus.Unmapped) unmapped.Add(new UnmappedToken(m.Mint.TokenNumber, order.UnmappedReason ?? "unmapped"));
                    else ordered.Add(m.Mint.TokenNumber);
                }
            });
            if (ordered.Count + unmapped.Count > 0) await merch.Record(ordered, unmapped);
        }
    }
}
