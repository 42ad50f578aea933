using System.Numerics;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts;
using MicroEvents.Settlement.Events;

namespace MicroEvents.Settlement;

/// <summary>One step of a settlement round, as <see cref="SettlementPlanner"/> plans it and the settlement actor performs it.</summary>
public abstract record SettlementAction;

/// <summary>
/// A step that only records what the chain showed. Its decision runs again against the stream when performed, so a
/// round racing a restart records nothing twice. <see cref="Outcome"/> names it in the transaction metrics.
/// </summary>
public abstract record Recording(string? Outcome = null) : SettlementAction
{
    public abstract Decision<bool, SettlementEvent> Decide(SettlementState s, DateTimeOffset now);
}

public sealed record ConfirmTx(long Nonce, string TxHash, long Block, string BlockHash, long Confirmations) : Recording("confirmed")
{
    public override Decision<bool, SettlementEvent> Decide(SettlementState s, DateTimeOffset now) =>
        SettlementDecisions.Confirm(s, Nonce, TxHash, Block, BlockHash, Confirmations, now);
}

public sealed record FailTx(long Nonce, string TxHash, string Reason, bool Requeue) : Recording("failed")
{
    public override Decision<bool, SettlementEvent> Decide(SettlementState s, DateTimeOffset now) =>
        SettlementDecisions.Fail(s, Nonce, TxHash, Reason, Requeue, now);
}

/// <summary>The node refused the bytes for good: failed once, its nonce free again.</summary>
public sealed record RefuseTx(long Nonce, string TxHash, string Refusal) : Recording("failed")
{
    public override Decision<bool, SettlementEvent> Decide(SettlementState s, DateTimeOffset now) =>
        SettlementDecisions.Refused(s, Nonce, TxHash, Refusal, now);
}

public sealed record MarkAnchored(string DropId, string Root) : Recording
{
    public override Decision<bool, SettlementEvent> Decide(SettlementState s, DateTimeOffset now) =>
        SettlementDecisions.FoundOnChain(s, DropId, Root, now);
}

public sealed record MarkDelivered(string DropId, string ClaimId, string Owner) : Recording
{
    public override Decision<bool, SettlementEvent> Decide(SettlementState s, DateTimeOffset now) =>
        SettlementDecisions.DeliveryFound(s, DropId, ClaimId, Owner, now);
}

public sealed record PauseSettlement(string Reason, BigInteger Fee, BigInteger Ceiling) : Recording
{
    public override Decision<bool, SettlementEvent> Decide(SettlementState s, DateTimeOffset now) =>
        SettlementDecisions.Pause(s, Reason, Fee, Ceiling, now);
}

public sealed record ResumeSettlement(BigInteger Fee) : Recording
{
    public override Decision<bool, SettlementEvent> Decide(SettlementState s, DateTimeOffset now) => SettlementDecisions.Resume(s, Fee, now);
}

/// <summary>The node took a transaction again: a pause for lack of funds ends.</summary>
public sealed record FundedAgain(BigInteger Fee) : Recording
{
    public override Decision<bool, SettlementEvent> Decide(SettlementState s, DateTimeOffset now) => SettlementDecisions.Funded(s, Fee, now);
}

/// <summary>No usable contract on this chain (a fresh local anvil): deploy one and record where.</summary>
public sealed record DeployContract : SettlementAction;

/// <summary>The same bytes again: recorded but never broadcast, dropped by the node, or undone by a reorg.</summary>
public sealed record Rebroadcast(long Nonce, string TxHash, string RawTransaction, string MaxFeePerGas) : SettlementAction;

/// <summary>A stuck transaction re-signed under its nonce with bumped fees, recorded, then sent.</summary>
public sealed record ReplaceTx(string Contract, InFlightTx Tx, BigInteger MaxFee, BigInteger Tip) : SettlementAction;

/// <summary>A queued root signed at <see cref="Nonce"/>, recorded, then sent.</summary>
public sealed record SendAnchor(string Contract, string DropId, string Root, long Nonce, BigInteger MaxFee, BigInteger Tip) : SettlementAction;

/// <summary>A hand-off's <c>claimHandedOff</c> from the custody account, signed at <see cref="Nonce"/>, recorded, then sent.</summary>
public sealed record SendDelivery(string Contract, string DropId, string ClaimId, string Wallet, ReceiptView Receipt, long Nonce, BigInteger MaxFee, BigInteger Tip)
    : SettlementAction;

/// <summary>A 0-value self-transfer spending a free nonce below a transaction in flight.</summary>
public sealed record FillNonceGap(long Nonce, BigInteger MaxFee, BigInteger Tip) : SettlementAction;
