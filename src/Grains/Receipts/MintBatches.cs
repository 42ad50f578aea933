using JasperFx.Events;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Signatures.Receipts;

namespace MicroEvents.Receipts;

/// <summary>The mints of a drop's stream grouped by the append that committed them (the batch id in each event id).</summary>
public sealed record MintBatch(long FromVersion, long ToVersion, IReadOnlyList<TokenMinted> Mints)
{
    public static IReadOnlyList<MintBatch> Of(IEnumerable<IEvent> events) => Of(events.Select(e => (e.Id, e.Version, e.Data)));

    /// <summary>The same from what this silo just committed (<see cref="Feeds.CommittedEvents"/>), as written: nothing to decode.</summary>
    public static IReadOnlyList<MintBatch> Of(IEnumerable<Feeds.FeedEvent> events) => Of(events.Select(e => (e.EventId, e.Version, e.Data)));

    private static IReadOnlyList<MintBatch> Of(IEnumerable<(Guid Id, long Version, object Data)> events)
    {
        var batches = new List<MintBatch>();
        Guid? current = null;
        long from = 0, to = 0;
        var mints = new List<TokenMinted>();
        foreach (var e in events)
        {
            var batch = AppendBatch.Of(e.Id);
            if (batch != current)
            {
                if (current is not null) batches.Add(new MintBatch(from, to, mints));
                (current, from, mints) = (batch, e.Version, []);
            }
            to = e.Version;
            if (e.Data is TokenMinted minted) mints.Add(minted);
        }
        if (current is not null) batches.Add(new MintBatch(from, to, mints));
        return batches;
    }

    /// <summary>
    /// Consecutive appends with mints gathered under one seal, whole appends of up to <paramref name="maxMints"/> mints together
    /// (an append larger than that is a seal alone): one signature, one Merkle root and one anchor per seal, not per append
    /// (issue #30: signing each append's root, and anchoring each, was the readers' largest CPU cost under load). A seal's
    /// range may span appends without mints; its leaves are the mints in the range.
    /// </summary>
    public static IReadOnlyList<MintBatch> UnderSeals(IEnumerable<MintBatch> appends, int maxMints)
    {
        var seals = new List<MintBatch>();
        long from = 0, to = 0;
        List<TokenMinted>? mints = null;
        foreach (var append in appends)
        {
            if (append.Mints.Count == 0) continue;
            if (mints is not null && mints.Count + append.Mints.Count > maxMints)
            {
                seals.Add(new MintBatch(from, to, mints));
                mints = null;
            }
            if (mints is null) (from, mints) = (append.FromVersion, []);
            mints.AddRange(append.Mints);
            to = append.ToVersion;
        }
        if (mints is not null) seals.Add(new MintBatch(from, to, mints));
        return seals;
    }

    /// <summary>The batch's receipt leaves; <paramref name="manifestHash"/> (0x-prefixed) is the primary's, for mints without one of their own.</summary>
    public IReadOnlyList<ReceiptLeaf> Leaves(string dropId, string manifestHash) =>
        // A custodial mint's holder is its custody account: on chain only the holder can hand a token off.
        // A mint under the drop's fallback manifest names that manifest: the leaf says what the token shows.
        Mints.Select(m => new ReceiptLeaf(dropId, m.TokenNumber, m.ClaimId, m.Custodian ?? m.Wallet,
            m.ManifestHash is { } fallback ? "0x" + fallback : manifestHash, m.ClaimedAt.ToUnixTimeSeconds())).ToList();
}
