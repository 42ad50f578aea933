using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

/// <summary>Like <see cref="TxSubmitted"/>: recorded before it is broadcast; replaced, confirmed and failed by nonce with the same events.</summary>
[Description("A hand-off delivery (claimHandedOff to the collector's wallet, attested by the custody account) was signed with the next nonce; recorded before it is broadcast.")]
[GenerateSerializer, Immutable, EventAlias("settlement.delivery_submitted.v1")]
public sealed record DeliverySubmitted(
    [property: Id(0), Description("The signer's nonce this transaction uses.")] long Nonce,
    [property: Id(1), Description("The transaction hash, hex.")] string TxHash,
    [property: Id(2), Description("The drop.")] string DropId,
    [property: Id(3), Description("The claim whose token it delivers.")] string ClaimId,
    [property: Id(4), Description("The receiving wallet.")] string Wallet,
    [property: Id(5), Description("Gas limit.")] long GasLimit,
    [property: Id(6), Description("EIP-1559 max fee per gas, wei (decimal).")] string MaxFeePerGas,
    [property: Id(7), Description("EIP-1559 max priority fee per gas, wei (decimal).")] string MaxPriorityFeePerGas,
    [property: Id(8), Description("The signed raw transaction, hex.")] string RawTransaction,
    [property: Id(9), Description("When it was signed.")] DateTimeOffset SubmittedAt) : SettlementEvent;
