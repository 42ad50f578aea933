using Marten;
using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Feeds;
using MicroEvents.Receipts.Events;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Receipts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace MicroEvents.Receipts;

/// <summary>
/// Seals a drop's committed appends into signed Merkle batches, beside the drop rather than inside its turn:
/// the drop's hot path never waits for hashing or signing, only for one small <c>BatchSealed</c> event per
/// append, group-committed with its claims. The mint feed (<see cref="MintSealing"/>) pokes it when a drop mints,
/// and only a poke starts its timer (sealing new appends every second): reading a receipt or the signer never
/// does, so an anonymous read of an unknown drop leaves nothing running. A sealer that finds its drop missing
/// stops its timer and deactivates. The appends to seal come from memory when this silo committed them
/// (<see cref="CommittedEvents"/>), so sealing does not read back and decode every mint; from PostgreSQL otherwise.
/// </summary>
public sealed class ReceiptSealerGrain(IDocumentStore store, DropSigningKeys keys, TimeProvider clock, EventJournal journal,
    CommittedEvents? committed = null)
    : Grain, IReceiptSealerGrain
{
    private static readonly TimeSpan SealEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Mints under one signature at most: a second of a hot drop is a few seals, not one per append, while a receipt
    /// (which rebuilds its seal's tree) stays cheap.
    /// </summary>
    public const int MaxMintsPerSeal = 1_000;
    private EthECKey? _key;
    private string? _signer; // the key's address: deriving it is an elliptic-curve multiplication, once per activation
    private IGrainTimer? _timer;

    private string DropId => this.GetPrimaryKeyString();
    private IDropGrain Drop => GrainFactory.GetGrain<IDropGrain>(DropId);

    public Task Poke()
    {
        _timer ??= this.RegisterGrainTimer(SealOnTimer, new GrainTimerCreationOptions(SealEvery, SealEvery) { KeepAlive = false });
        return Task.CompletedTask;
    }

    private async Task SealOnTimer(CancellationToken ct)
    {
        try
        {
            await SealPending();
        }
        catch (Rejected r) when (r.Code == RejectionCodes.DropNotFound)
        {
            // Nothing to seal, ever: do not tick (and log) until collected.
        }
    }

    public async Task<int> SealPending()
    {
        var summary = await ExistingDrop();
        var pending = MintBatch.UnderSeals(await ReadBatches(summary.SealedThrough + 1, null), MaxMintsPerSeal);
        if (pending.Count == 0) return 0;

        var key = _key ??= await keys.GetOrCreate(DropId);
        var signer = _signer ??= key.GetPublicAddress();
        var manifestHash = "0x" + summary.ManifestHash;
        var now = clock.GetUtcNow();
        var dropId = DropId;
        // Hashing a backlog of thousands of leaves takes seconds: do it on the thread pool, not in the grain's turn.
        var seals = await Task.Run(() => pending.Select(b =>
        {
            var tree = new MerkleTree(b.Leaves(dropId, manifestHash).Select(l => l.Hash()));
            return new BatchSealed(b.FromVersion, b.ToVersion, b.Mints[0].TokenNumber, b.Mints[^1].TokenNumber,
                tree.Root.ToHex(prefix: true), RootSignature.Sign(tree.Root, key), signer, now, b.Mints.Count);
        }).ToList());
        return await Drop.RecordBatchSeals(seals);
    }

    public async Task<ReceiptView> GetReceipt(string claimId)
    {
        await ExistingDrop();
        var claim = await Drop.GetSealedClaim(claimId);
        if (claim.Batch is null)
        {
            await SealPending();
            claim = await Drop.GetSealedClaim(claimId);
        }
        var sealedBatch = claim.Batch
            ?? throw new Rejected(RejectionCodes.ClaimNotFound, $"Claim '{claimId}' is not sealed yet; retry shortly.");

        // A seal covers whole appends (one, or several since issue #30): its leaves are every mint of its range.
        var batch = MintBatch.UnderSeals(await ReadBatches(sealedBatch.FromVersion, sealedBatch.ToVersion), int.MaxValue)
            .Single(b => b.FromVersion == sealedBatch.FromVersion);
        var summary = await ExistingDrop();
        var leaves = batch.Leaves(DropId, "0x" + summary.ManifestHash);
        // By claim id, not token number: a released number is re-issued, and each holder's leaf names its own claim.
        var leaf = leaves.Single(l => l.ClaimId == claimId);
        var tree = new MerkleTree(leaves.Select(l => l.Hash()));
        return new ReceiptView(
            new ReceiptLeafView(leaf.DropId, leaf.TokenNumber, leaf.ClaimId, leaf.Holder, leaf.ManifestHash, leaf.MintedAt),
            tree.ProofFor(leaf.Hash()).Select(p => p.ToHex(prefix: true)).ToList(),
            sealedBatch.Root, sealedBatch.Signature, sealedBatch.Signer);
    }

    public async Task<string> GetSigner()
    {
        await ExistingDrop(); // 404 for an unknown drop; no key is made for it
        return (_key ??= await keys.GetOrCreate(DropId)).GetPublicAddress();
    }

    public async Task<string?> FindSigner()
    {
        await ExistingDrop();
        return _key?.GetPublicAddress() ?? await keys.FindAddress(DropId);
    }

    /// <summary>The drop's summary; if there is no such drop, this sealer stops and goes away before the 404.</summary>
    private async Task<DropSummary> ExistingDrop()
    {
        try
        {
            return await Drop.GetSummary();
        }
        catch (Rejected r) when (r.Code == RejectionCodes.DropNotFound)
        {
            _timer?.Dispose();
            _timer = null;
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task<IReadOnlyList<MintBatch>> ReadBatches(long fromVersion, long? toVersion)
    {
        var stream = DropStream.Key(DropId);
        // Whole appends, as committed; for a receipt, only if memory still holds its whole batch.
        if (committed?.OfStream(stream, fromVersion, toVersion) is { Count: > 0 } recent && (toVersion is null || recent[^1].Version >= toVersion))
            return MintBatch.Of(recent);
        return await journal.Breaker.Read(async () =>
        {
            await using var session = store.QuerySession();
            var events = await session.Events.FetchStreamAsync(stream, version: toVersion ?? 0, fromVersion: fromVersion);
            return MintBatch.Of(events);
        });
    }
}
