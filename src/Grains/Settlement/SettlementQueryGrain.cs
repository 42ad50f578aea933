using System.Numerics;
using System.Text.Json;
using MicroEvents.Claims;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.Receipts;
using MicroEvents.Signatures.Receipts;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using MicroEvents.Settlement.Chain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace MicroEvents.Settlement;

/// <summary>
/// The gateway's reads of settlement: a drop's anchors from the settlement actor, and token metadata built from
/// the drop's manifest (its creation event). Token ids are hashes, so it maps them back through the token ranges
/// of the roots settlement knows, remembered per activation.
/// </summary>
[StatelessWorker]
public sealed class SettlementQueryGrain(IServiceProvider services) : Grain, ISettlementQueryGrain
{
    private readonly Dictionary<BigInteger, (string DropId, long TokenNumber)> _tokens = new();
    private readonly HashSet<string> _indexed = new();

    public async Task<DropSettlementView> GetDropSettlement(string dropId) => View(dropId, await Status());

    public async Task<DropSettlementView> RetryFailed(string dropId)
    {
        await (await Settlement()).Retry(dropId);
        return View(dropId, await Status());
    }

    private static DropSettlementView View(string dropId, SettlementStatus status)
    {
        var anchors = status.Anchors.Where(a => a.DropId == dropId).ToList();
        return new DropSettlementView(dropId, status.ChainId, status.Contract, status.Paused, status.PauseReason,
            anchors.Where(a => a.State == AnchorStates.Anchored).ToList(),
            anchors.Where(a => a.State is AnchorStates.Queued or AnchorStates.Submitted).ToList(),
            anchors.Where(a => a.State == AnchorStates.Failed).ToList(),
            status.Deliveries.Where(d => d.DropId == dropId).ToList());
    }

    public async Task<OnChainClaim> GetOnChainClaim(string dropId, string claimId)
    {
        var chain = Chain();
        var receipt = await GrainFactory.GetGrain<IReceiptSealerGrain>(dropId).GetReceipt(claimId);
        var status = await Status();
        var anchor = status.Anchors.FirstOrDefault(a => a.DropId == dropId && string.Equals(a.Root, receipt.Root, StringComparison.OrdinalIgnoreCase));
        if (anchor?.State != AnchorStates.Anchored || status.Contract is not { } contract)
            throw new Rejected(SettlementRejectionCodes.RootNotAnchored, $"The root of claim '{claimId}' is not anchored on chain yet ({anchor?.State ?? "not queued"}); retry later.");

        var claim = await GrainFactory.GetGrain<IClaimGrain>(ClaimKey.Of(dropId, claimId)).GetStatus();
        var l = receipt.Leaf;
        var leaf = new ReceiptLeaf(l.DropId, l.TokenNumber, l.ClaimId, l.Holder, l.ManifestHash, l.MintedAt).Hash();
        if (claim.Custody is not (Custody.HandedOff or Custody.SelfCustody))
            throw new Rejected(SettlementRejectionCodes.NotHandedOff,
                $"Claim '{claimId}' is {JsonNamingPolicy.CamelCase.ConvertName(claim.Custody.ToString())}: hand it off to your wallet first (POST /drops/{dropId}/claims/{claimId}/handoff).");
        var tokenId = TokenIds.Of(dropId, l.TokenNumber).ToString();
        var leafHex = "0x" + Convert.ToHexStringLower(leaf);
        if (claim.Custody == Custody.SelfCustody)
            return new OnChainClaim(dropId, claimId, chain.ChainId, contract, tokenId, claim.Custody, receipt, leafHex, true, anchor.TxHash,
                null, null, null, OnChainActions.SendClaim);

        var delivery = Delivery(status, dropId, claimId, claim.Holder);
        var action = delivery?.State switch
        {
            AnchorStates.Delivered => OnChainActions.AlreadyMinted,
            AnchorStates.Queued or AnchorStates.Submitted => OnChainActions.NoneDeliveryQueued,
            _ => OnChainActions.SendClaimHandedOff,
        };
        // Only offered when the wallet should send it: a hand-off settlement is sending (or has sent) would only
        // race it and revert with the wallet's gas spent. The platform checked the hand-off (the ephemeral key's
        // signature or the mailed code); the custody account attests it.
        var handOff = action == OnChainActions.SendClaimHandedOff ? await chain.AttestHandOff(contract, leaf, claim.Holder) : null;
        return new OnChainClaim(dropId, claimId, chain.ChainId, contract, tokenId, claim.Custody, receipt, leafHex, true, anchor.TxHash,
            claim.Holder, handOff, handOff is null ? null : chain.Signer, action, delivery);
    }

    /// <summary>
    /// Settlement's delivery of the hand-off to <paramref name="wallet"/>. With delivery on, a hand-off settlement has
    /// not recorded yet (its feed is a moment behind the claim) is shown queued: it will be.
    /// </summary>
    private OnChainDelivery? Delivery(SettlementStatus status, string dropId, string claimId, string wallet)
    {
        var known = status.Deliveries.FirstOrDefault(d => d.DropId == dropId && d.ClaimId == claimId
            && string.Equals(d.Wallet, wallet, StringComparison.OrdinalIgnoreCase));
        if (known is not null) return new OnChainDelivery(known.State, known.TxHash, known.Block, known.FailureReason);
        var delivering = services.GetService<IOptions<SettlementOptions>>()?.Value.DeliverHandOffs ?? false;
        return delivering ? new OnChainDelivery(AnchorStates.Queued, null, null, null) : null;
    }


    public async Task<TokenMetadata> GetTokenMetadata(string contract, string tokenId)
    {
        var status = await Status();
        if (!string.Equals(status.Contract, contract, StringComparison.OrdinalIgnoreCase) || !BigInteger.TryParse(tokenId, out var id))
            throw NotFound();
        foreach (var anchor in status.Anchors.Where(a => _indexed.Add(SettlementState.KeyOf(a.DropId, a.Root))))
            for (var n = anchor.FirstToken; n <= anchor.LastToken && n > 0; n++)
                _tokens[TokenIds.Of(anchor.DropId, n)] = (anchor.DropId, n);
        if (!_tokens.TryGetValue(id, out var token)) throw NotFound();

        // The manifest the token was minted under: after a contingency switch, the fallback's assets and hash.
        DropCreated drop;
        try
        {
            drop = await GrainFactory.GetGrain<IDropGrain>(token.DropId).GetTokenManifest(token.TokenNumber);
        }
        catch (Rejected)
        {
            throw NotFound();
        }
        var image = drop.Assets.FirstOrDefault(a => a.MediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)) ?? drop.Assets.FirstOrDefault();
        return new TokenMetadata($"{drop.Title} #{token.TokenNumber}", $"Token {token.TokenNumber} of {drop.Supply} of the drop {token.DropId}.",
            image?.Uri,
            [new("drop", token.DropId), new("token number", token.TokenNumber.ToString()), new("supply", drop.Supply.ToString()),
             new("asset sha256", image?.Sha256 ?? ""), new("manifest", drop.ManifestHash)]);
    }

    private async Task<SettlementStatus> Status() => await (await Settlement()).GetStatus();

    private async Task<ISettlementGrain> Settlement() => GrainFactory.GetGrain<ISettlementGrain>(await Chain().Key());

    private AnchorChain Chain() => services.GetService<AnchorChain>()
        ?? throw new Rejected(SettlementRejectionCodes.SettlementOff, "On-chain settlement is not configured here.");

    private static Rejected NotFound() => new(SettlementRejectionCodes.TokenNotFound, "No such token.");
}
