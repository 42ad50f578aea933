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

    /// <summary>A signed transaction for a queued root, at a nonce no earlier submission used.</summary>
    public static Decision<bool, SettlementEvent> Submit(SettlementState s, SignedAnchor tx, DateTimeOffset now)
    {
        var known = s.Anchors.GetValueOrDefault(SettlementState.KeyOf(tx.DropId, tx.Root));
        if (known?.State != AnchorStates.Queued || tx.Nonce < s.NextNonce || s.InFlight.ContainsKey(tx.Nonce)) return None;
        return One(new TxSubmitted(tx.Nonce, tx.TxHash, tx.DropId, tx.Root, tx.GasLimit, tx.MaxFeePerGas.ToString(),
            tx.MaxPriorityFeePerGas.ToString(), tx.RawTransaction, now));
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
}
