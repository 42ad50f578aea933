using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

/// <summary><see cref="Requeued"/>: the nonce was not spent on this anchor (taken by another transaction), so the root goes back to the queue.</summary>
[Description("An anchor transaction failed: reverted, refused by the node, or its nonce was taken by another transaction.")]
[GenerateSerializer, Immutable, EventAlias("settlement.tx_failed.v1")]
public sealed record TxFailed(
    [property: Id(0), Description("The nonce it used.")] long Nonce,
    [property: Id(1), Description("The transaction's hash.")] string TxHash,
    [property: Id(2), Description("Why it failed.")] string Reason,
    [property: Id(3), Description("True when the root goes back to the queue to be sent again.")] bool Requeued,
    [property: Id(4), Description("When it was recorded.")] DateTimeOffset FailedAt) : SettlementEvent;
