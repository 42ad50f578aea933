using MicroEvents.EventSourcing;
using MicroEvents.Settlement.Events;

namespace MicroEvents.Settlement;

/// <summary>
/// Pure decisions of the settlement actor. The shell observes the chain and proposes what it saw; each
/// decision turns an observation into events only if it still fits the stream (so a repeated tick, or one
/// racing a restart, records nothing twice).
/// </summary>
public static class SettlementDecisions
{
    private static Decision<bool, SettlementEvent> None => Decision<bool, SettlementEvent>.Unchanged(false);

    private static Decision<bool, SettlementEvent> One(SettlementEvent e) => new(true, [e]);

    public static Decision<bool, SettlementEvent> Deployed(SettlementState s, string contract, string txHash, DateTimeOffset now) =>
        string.Equals(s.Contract, contract, StringComparison.OrdinalIgnoreCase) ? None : One(new ContractDeployed(contract, txHash, now));

    public static Decision<bool, SettlementEvent> Queue(SettlementState s, IReadOnlyList<AnchorRequest> requests, DateTimeOffset now)
    {
        var fresh = requests
            .Where(r => !s.Anchors.ContainsKey(SettlementState.KeyOf(r.DropId, r.Root)))
            .DistinctBy(r => SettlementState.KeyOf(r.DropId, r.Root))
            .Select(SettlementEvent (r) => new AnchorQueued(r.DropId, r.Root, r.FirstToken, r.LastToken, now))
            .ToList();
        return new(fresh.Count > 0, fresh);
    }

    /// <summary>
    /// A signed transaction for a queued root, at a nonce the chain has not spent and no transaction in flight
    /// holds. That is either a fresh one or one whose transaction the node refused (never used, so reused: a
    /// skipped nonce would hold back every later transaction of the signer).
    /// </summary>
    public static Decision<bool, SettlementEvent> Submit(SettlementState s, SignedAnchor tx, long spentNonces, DateTimeOffset now)
    {
        var known = s.Anchors.GetValueOrDefault(SettlementState.KeyOf(tx.DropId, tx.Root));
        if (known?.State != AnchorStates.Queued || tx.Nonce < spentNonces || s.InFlight.ContainsKey(tx.Nonce)) return None;
        return One(new TxSubmitted(tx.Nonce, tx.TxHash, tx.DropId, tx.Root, tx.GasLimit, tx.MaxFeePerGas.ToString(),
            tx.MaxPriorityFeePerGas.ToString(), tx.RawTransaction, now));
    }

    /// <summary>A self-transfer spending a free nonce below a transaction in flight (a gap a refusal left), so that one can be mined.</summary>
    public static Decision<bool, SettlementEvent> FillGap(SettlementState s, SignedAnchor filler, long spentNonces, DateTimeOffset now) =>
        filler.Root.Length == 0 && s.Gaps(spentNonces).Contains(filler.Nonce) && !s.RefusedFillers.Contains(filler.Nonce)
            ? One(new NonceGapFilled(filler.Nonce, filler.TxHash, filler.GasLimit, filler.MaxFeePerGas.ToString(),
                filler.MaxPriorityFeePerGas.ToString(), filler.RawTransaction, now))
            : None;

    /// <summary>
    /// The node refused the latest bytes of a transaction for good: it fails (never re-sent, never retried forever),
    /// its anchor shows why, and its nonce, never used, is free for the next transaction.
    /// </summary>
    public static Decision<bool, SettlementEvent> Refused(SettlementState s, long nonce, string txHash, string refusal, DateTimeOffset now) =>
        Fail(s, nonce, txHash, RefusedPrefix + refusal, requeue: false, now);

    public const string RefusedPrefix = "refused by the node: ";

    public static Decision<bool, SettlementEvent> QueueDeliveries(SettlementState s, IReadOnlyList<DeliveryRequest> requests, DateTimeOffset now)
    {
        var fresh = requests
            .Where(r => !s.Deliveries.ContainsKey(SettlementState.DeliveryKeyOf(r.DropId, r.ClaimId)))
            .DistinctBy(r => SettlementState.DeliveryKeyOf(r.DropId, r.ClaimId))
            .Select(SettlementEvent (r) => new DeliveryQueued(r.DropId, r.ClaimId, r.Wallet, now))
            .ToList();
        return new(fresh.Count > 0, fresh);
    }

    /// <summary>A signed <c>claimHandedOff</c> for a queued delivery, under the same nonce rule as an anchor.</summary>
    public static Decision<bool, SettlementEvent> SubmitDelivery(SettlementState s, string claimId, SignedAnchor tx, long spentNonces, DateTimeOffset now)
    {
        var known = s.Deliveries.GetValueOrDefault(SettlementState.DeliveryKeyOf(tx.DropId, claimId));
        if (known?.State != AnchorStates.Queued || tx.Nonce < spentNonces || s.InFlight.ContainsKey(tx.Nonce)) return None;
        return One(new DeliverySubmitted(tx.Nonce, tx.TxHash, tx.DropId, claimId, known.Wallet, tx.GasLimit, tx.MaxFeePerGas.ToString(),
            tx.MaxPriorityFeePerGas.ToString(), tx.RawTransaction, now));
    }

    /// <summary>The token is minted already (by the holder itself, or an earlier delivery whose record was lost): done, nothing sent.</summary>
    public static Decision<bool, SettlementEvent> DeliveryFound(SettlementState s, string dropId, string claimId, string owner, DateTimeOffset now) =>
        s.Deliveries.TryGetValue(SettlementState.DeliveryKeyOf(dropId, claimId), out var d) && d.State != AnchorStates.Delivered
            ? One(new DeliveryFoundOnChain(dropId, claimId, owner, now))
            : None;

    /// <summary>An operator's re-queue of a drop's failed anchors and hand-off deliveries; nothing when none failed.</summary>
    public static Decision<bool, SettlementEvent> Retry(SettlementState s, string dropId, DateTimeOffset now)
    {
        var failed = s.Order.Select(k => s.Anchors[k])
            .Where(a => a.DropId == dropId && a.State == AnchorStates.Failed)
            .Select(SettlementEvent (a) => new AnchorRetried(a.DropId, a.Root, a.FailureReason ?? "", now))
            .Concat(s.DeliveryOrder.Select(k => s.Deliveries[k])
                .Where(d => d.DropId == dropId && d.State == AnchorStates.Failed)
                .Select(SettlementEvent (d) => new DeliveryRetried(d.DropId, d.ClaimId, d.FailureReason ?? "", now)))
            .ToList();
        return new(failed.Count > 0, failed);
    }

    public static Decision<bool, SettlementEvent> Replace(SettlementState s, long nonce, string replacedHash, SignedAnchor tx, DateTimeOffset now) =>
        s.InFlight.TryGetValue(nonce, out var inFlight) && inFlight.TxHash == replacedHash && tx.Nonce == nonce
            ? One(new TxReplaced(nonce, replacedHash, tx.TxHash, tx.MaxFeePerGas.ToString(), tx.MaxPriorityFeePerGas.ToString(), tx.RawTransaction, now))
            : None;

    public static Decision<bool, SettlementEvent> Confirm(SettlementState s, long nonce, string txHash, long block, string blockHash, long confirmations, DateTimeOffset now) =>
        s.InFlight.TryGetValue(nonce, out var tx) && tx.Hashes.Contains(txHash)
            ? One(new TxConfirmed(nonce, txHash, block, blockHash, confirmations, now))
            : None;

    public static Decision<bool, SettlementEvent> Fail(SettlementState s, long nonce, string txHash, string reason, bool requeue, DateTimeOffset now) =>
        s.InFlight.TryGetValue(nonce, out var tx) && tx.Hashes.Contains(txHash)
            ? One(new TxFailed(nonce, txHash, reason, requeue, now))
            : None;

    public static Decision<bool, SettlementEvent> FoundOnChain(SettlementState s, string dropId, string root, DateTimeOffset now) =>
        s.Anchors.TryGetValue(SettlementState.KeyOf(dropId, root), out var a) && a.State != AnchorStates.Anchored
            ? One(new AnchorFoundOnChain(dropId, root, now))
            : None;

    public static Decision<bool, SettlementEvent> Pause(SettlementState s, string reason, System.Numerics.BigInteger fee, System.Numerics.BigInteger ceiling, DateTimeOffset now) =>
        s.PauseReason == reason ? None : One(new SettlementPaused(reason, fee.ToString(), ceiling.ToString(), now));

    public static Decision<bool, SettlementEvent> Resume(SettlementState s, System.Numerics.BigInteger fee, DateTimeOffset now) =>
        s.Paused ? One(new SettlementResumed(fee.ToString(), now)) : None;

    public const string InsufficientFunds = "insufficient funds";

    /// <summary>A refusal for lack of funds pauses like a fee spike (claims go on); the node taking a transaction again ends it.</summary>
    public static Decision<bool, SettlementEvent> Unfunded(SettlementState s, System.Numerics.BigInteger fee, System.Numerics.BigInteger ceiling, DateTimeOffset now) =>
        Pause(s, InsufficientFunds, fee, ceiling, now);

    public static Decision<bool, SettlementEvent> Funded(SettlementState s, System.Numerics.BigInteger fee, DateTimeOffset now) =>
        s.PauseReason == InsufficientFunds ? One(new SettlementResumed(fee.ToString(), now)) : None;
}
