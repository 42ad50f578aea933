using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("An anchor transaction is final: mined in the canonical chain with the configured number of confirmations.")]
[GenerateSerializer, Immutable, EventAlias("settlement.tx_confirmed.v1")]
public sealed record TxConfirmed(
    [property: Id(0), Description("The nonce it used.")] long Nonce,
    [property: Id(1), Description("The mined transaction's hash (the original or a replacement).")] string TxHash,
    [property: Id(2), Description("Block number it was mined in.")] long BlockNumber,
    [property: Id(3), Description("That block's hash.")] string BlockHash,
    [property: Id(4), Description("Confirmations when recorded (the block itself counts as one).")] long Confirmations,
    [property: Id(5), Description("When it was recorded.")] DateTimeOffset ConfirmedAt) : SettlementEvent;
