using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("A stuck anchor transaction was re-signed with a higher fee under the same nonce.")]
[GenerateSerializer, Immutable, EventAlias("settlement.tx_replaced.v1")]
public sealed record TxReplaced(
    [property: Id(0), Description("The nonce both transactions use.")] long Nonce,
    [property: Id(1), Description("The hash of the transaction replaced.")] string ReplacedTxHash,
    [property: Id(2), Description("The new transaction's hash.")] string TxHash,
    [property: Id(3), Description("New max fee per gas, wei (decimal).")] string MaxFeePerGas,
    [property: Id(4), Description("New max priority fee per gas, wei (decimal).")] string MaxPriorityFeePerGas,
    [property: Id(5), Description("The new signed raw transaction, hex.")] string RawTransaction,
    [property: Id(6), Description("When it was re-signed.")] DateTimeOffset ReplacedAt) : SettlementEvent;
