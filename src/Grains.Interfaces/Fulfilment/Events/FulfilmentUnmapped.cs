using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("A mint of a merch-bearing drop could not hold its stock: the token is listed as unmapped for operators.")]
[GenerateSerializer, Immutable, EventAlias("order.fulfilment_unmapped.v1")]
public sealed record FulfilmentUnmapped(
    [property: Id(0), Description("The drop.")] string DropId,
    [property: Id(1), Description("The token number.")] long TokenNumber,
    [property: Id(2), Description("The claim that minted the token.")] string ClaimId,
    [property: Id(3), Description("Why (out-of-stock, sku-not-found…).")] string Reason,
    [property: Id(4), Description("When.")] DateTimeOffset At,
    [property: Id(5), Description("The wallet the token went to (EIP-55).")] string Wallet,
    [property: Id(6), Description("The token's tier; none: untiered.")] string? Tier,
    [property: Id(7), Description("SKUs the token carries.")] IReadOnlyList<string> Skus,
    [property: Id(8), Description("When the token was minted.")] DateTimeOffset MintedAt) : OrderEvent;
