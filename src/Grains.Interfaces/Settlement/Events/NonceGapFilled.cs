using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

/// <summary>Recorded before it is broadcast, like <see cref="TxSubmitted"/>; it is watched, replaced and confirmed like an anchor.</summary>
[Description("A nonce the node refused was spent by a 0-value transfer to the signer itself, so the anchors already sent above it can be mined.")]
[GenerateSerializer, Immutable, EventAlias("settlement.nonce_gap_filled.v1")]
public sealed record NonceGapFilled(
    [property: Id(0), Description("The freed nonce it spends.")] long Nonce,
    [property: Id(1), Description("The transaction hash, hex.")] string TxHash,
    [property: Id(2), Description("Gas limit.")] long GasLimit,
    [property: Id(3), Description("EIP-1559 max fee per gas, wei (decimal).")] string MaxFeePerGas,
    [property: Id(4), Description("EIP-1559 max priority fee per gas, wei (decimal).")] string MaxPriorityFeePerGas,
    [property: Id(5), Description("The signed raw transaction, hex.")] string RawTransaction,
    [property: Id(6), Description("When it was signed.")] DateTimeOffset SubmittedAt) : SettlementEvent;
