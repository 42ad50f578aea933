using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

/// <summary>Recorded before the transaction is broadcast, so a restart re-sends these exact bytes and never reuses the nonce.</summary>
[Description("An anchor transaction was signed with the next nonce; recorded before it is broadcast.")]
[GenerateSerializer, Immutable, EventAlias("settlement.tx_submitted.v1")]
public sealed record TxSubmitted(
    [property: Id(0), Description("The signer's nonce this transaction uses.")] long Nonce,
    [property: Id(1), Description("The transaction hash, hex.")] string TxHash,
    [property: Id(2), Description("The drop whose root it anchors.")] string DropId,
    [property: Id(3), Description("The root it anchors, hex.")] string Root,
    [property: Id(4), Description("Gas limit.")] long GasLimit,
    [property: Id(5), Description("EIP-1559 max fee per gas, wei (decimal).")] string MaxFeePerGas,
    [property: Id(6), Description("EIP-1559 max priority fee per gas, wei (decimal).")] string MaxPriorityFeePerGas,
    [property: Id(7), Description("The signed raw transaction, hex: what is re-broadcast after a restart.")] string RawTransaction,
    [property: Id(8), Description("When it was signed.")] DateTimeOffset SubmittedAt) : SettlementEvent;
