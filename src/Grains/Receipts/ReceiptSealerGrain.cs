using Marten;
using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts.Events;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Receipts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace MicroEvents.Receipts;

/// <summary>
/// Seals a drop's committed appends into signed Merkle batches, beside the drop rather than inside its turn:
/// the drop's hot path never waits for hashing or signing. While active it seals new appends every second.
/// </summary>
public sealed class ReceiptSealerGrain(EventJournal journal, TimeProvider clock, IDocumentStore store, DropSigningKeys keys)
    : EventSourcedGrain<ReceiptsState, ReceiptEvent>(journal, clock), IReceiptSealerGrain
{
    private static readonly TimeSpan SealEvery = TimeSpan.FromSeconds(1);
    private EthECKey? _key;
    private string? _manifestHash;

    protected override string Kind => "receipts";

    private string DropId => this.GetPrimaryKeyString();
    private string DropStream => $"drop/{DropId}";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        this.RegisterGrainTimer(async _ => await SealPending(), new GrainTimerCreationOptions(SealEvery, SealEvery) { KeepAlive = false });
    }

    public async Task<int> SealPending()
    {
        var pending = await ReadBatches((await Stored()).SealedThroughVersion + 1, null);
        var withMints = pending.Where(b => b.Mints.Count > 0).ToList();
        if (withMints.Count == 0) return 0;

        var key = _key ??= await keys.GetOrCreate(DropId);
        var manifestHash = await ManifestHash();
        var now = Clock.GetUtcNow();
        var dropId = DropId;
        // Hashing a backlog of thousands of leaves takes seconds: do it on the thread pool, not in the grain's turn.
        var seals = await Task.Run(() => withMints.Select(b =>
        {
            var tree = new MerkleTree(b.Leaves(dropId, manifestHash).Select(l => l.Hash()));
            return new BatchSealed(b.FromVersion, b.ToVersion, b.Mints[0].TokenNumber, b.Mints[^1].TokenNumber,
                tree.Root.ToHex(prefix: true), RootSignature.Sign(tree.Root, key), key.GetPublicAddress(), now);
        }).ToList());

        return await Execute(s =>
        {
            var fresh = seals.Where(x => x.FromVersion > s.SealedThroughVersion).ToList();
            return new Decision<int, ReceiptEvent>(fresh.Count, fresh);
        });
    }

    public async Task<ReceiptView> GetReceipt(string claimId)
    {
        var claim = await GrainFactory.GetGrain<IDropGrain>(DropId).GetClaim(claimId);
        if ((await Stored()).BatchOf(claim.TokenNumber) is null) await SealPending();
        var sealedBatch = Confirmed.BatchOf(claim.TokenNumber)
            ?? throw new Rejected(RejectionCodes.ClaimNotFound, $"Claim '{claimId}' is not sealed yet; retry shortly.");

        var batch = (await ReadBatches(sealedBatch.FromVersion, sealedBatch.ToVersion)).Single(b => b.FromVersion == sealedBatch.FromVersion);
        var leaves = batch.Leaves(DropId, await ManifestHash());
        var leaf = leaves.Single(l => l.ClaimId == claim.ClaimId);
        var tree = new MerkleTree(leaves.Select(l => l.Hash()));
        return new ReceiptView(
            new ReceiptLeafView(leaf.DropId, leaf.TokenNumber, leaf.ClaimId, leaf.Holder, leaf.ManifestHash, leaf.MintedAt),
            tree.ProofFor(leaf.Hash()).Select(p => p.ToHex(prefix: true)).ToList(),
            sealedBatch.Root, sealedBatch.Signature, sealedBatch.Signer);
    }

    public async Task<string> GetSigner()
    {
        await GrainFactory.GetGrain<IDropGrain>(DropId).GetSummary(); // 404 for an unknown drop; no key is made for it
        return (_key ??= await keys.GetOrCreate(DropId)).GetPublicAddress();
    }

    private async Task<IReadOnlyList<MintBatch>> ReadBatches(long fromVersion, long? toVersion)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(DropStream, version: toVersion ?? 0, fromVersion: fromVersion);
        return MintBatch.Of(events);
    }

    private async Task<string> ManifestHash() =>
        _manifestHash ??= "0x" + (await GrainFactory.GetGrain<IDropGrain>(DropId).GetSummary()).ManifestHash;
}
