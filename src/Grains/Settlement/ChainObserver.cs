using MicroEvents.Claims;
using MicroEvents.Receipts;
using MicroEvents.Rejections;
using MicroEvents.Settlement.Chain;

namespace MicroEvents.Settlement;

/// <summary>
/// Gathers a round's <see cref="ChainView"/>: everything <see cref="SettlementPlanner"/> may need, asked of the node,
/// the contract, the receipt sealers and the claim actors before anything is decided.
/// </summary>
public static class ChainObserver
{
    public static async Task<ChainView> Observe(AnchorChain chain, IGrainFactory grains, SettlementState s, SettlementOptions options)
    {
        if (await UsableContract(chain, s, options) is not { } contract) return ChainView.WithoutContract;
        var head = await chain.Head();
        var spent = await chain.SpentNonces();
        var transactions = new Dictionary<long, TxSighting>();
        var anchored = new Dictionary<string, bool>();
        var deliveries = new Dictionary<string, DeliverySighting>();

        foreach (var tx in s.InFlight.Values.OrderBy(t => t.Nonce))
        {
            MinedTx? mined = null;
            foreach (var hash in tx.Hashes.Reverse())
                if ((mined = await chain.Receipt(hash)) is not null) break;
            var deep = mined is { Succeeded: true } && head - mined.Block + 1 >= options.Confirmations;
            var canonical = deep && await chain.BlockHash(mined!.Block) == mined.BlockHash;
            var lost = mined is null && spent <= tx.Nonce;
            transactions[tx.Nonce] = new TxSighting(mined, canonical, lost && await AnyKnown(chain, tx));
            // A revert, or a nonce another sender took: the contract says whether the work is done anyway.
            if (mined is { Succeeded: false } || (mined is null && spent > tx.Nonce))
            {
                if (tx.IsDelivery) deliveries[SettlementState.DeliveryKeyOf(tx.DropId, tx.ClaimId!)] = await Delivery(grains, contract, s, tx.DropId, tx.ClaimId!, null, anchored);
                else if (!tx.IsGapFiller) anchored[SettlementState.KeyOf(tx.DropId, tx.Root)] = await contract.IsAnchored(tx.DropId, tx.Root);
            }
        }

        // Only as many as one round can send: the rest are asked about in a later round.
        foreach (var anchor in s.Queued.Take(options.MaxInFlight))
            anchored[SettlementState.KeyOf(anchor.DropId, anchor.Root)] = await contract.IsAnchored(anchor.DropId, anchor.Root);
        if (!s.Paused)
            foreach (var delivery in s.QueuedDeliveries.Take(options.MaxInFlight))
                deliveries[SettlementState.DeliveryKeyOf(delivery.DropId, delivery.ClaimId)] =
                    await Delivery(grains, contract, s, delivery.DropId, delivery.ClaimId, delivery.Wallet, anchored);

        return new ChainView(contract.Address, head, spent, await chain.Fees(), transactions, anchored, deliveries);
    }

    private static async Task<DropsContract?> UsableContract(AnchorChain chain, SettlementState s, SettlementOptions options)
    {
        if (options.Contract is { } configured) return await chain.Contract(configured);
        if (s.Contract is { } recorded && await (await chain.Contract(recorded)).Exists()) return await chain.Contract(recorded);
        return null; // a fresh local chain (anvil without its state file): the plan deploys one
    }

    private static async Task<bool> AnyKnown(AnchorChain chain, InFlightTx tx)
    {
        foreach (var hash in tx.Hashes.Reverse())
            if (await chain.IsKnown(hash)) return true;
        return false;
    }

    /// <summary>A delivery's receipt, whether the claim actor handed it off to <paramref name="wallet"/> (when given), and its token's owner.</summary>
    private static async Task<DeliverySighting> Delivery(IGrainFactory grains, DropsContract contract, SettlementState s,
        string dropId, string claimId, string? wallet, Dictionary<string, bool> anchored)
    {
        ReceiptView receipt;
        var handedOff = false;
        try
        {
            receipt = await grains.GetGrain<IReceiptSealerGrain>(dropId).GetReceipt(claimId);
            if (wallet is not null)
            {
                var claim = await grains.GetGrain<IClaimGrain>(ClaimKey.Of(dropId, claimId)).GetStatus();
                handedOff = claim.Custody == Custody.HandedOff && string.Equals(claim.Holder, wallet, StringComparison.OrdinalIgnoreCase);
            }
        }
        catch (Rejected)
        {
            return new DeliverySighting(null, false, null); // not sealed yet: a later round
        }
        var key = SettlementState.KeyOf(dropId, receipt.Root);
        if (s.Anchors.GetValueOrDefault(key)?.State != AnchorStates.Anchored && !anchored.ContainsKey(key))
            anchored[key] = await contract.IsAnchored(dropId, receipt.Root);
        return new DeliverySighting(receipt, handedOff, await contract.OwnerIfMinted(dropId, receipt.Leaf.TokenNumber));
    }
}
