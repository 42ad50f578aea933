using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("A mint of a merch-bearing drop held one unit of each SKU: the order waits for the claimant's details.")]
[GenerateSerializer, Immutable, EventAlias("order.fulfilment_requested.v1")]
public sealed record FulfilmentRequested(
    [property: Id(0), Description("The drop.")] string DropId,
    [property: Id(1), Description("The token number the order is for.")] long TokenNumber,
    [property: Id(2), Description("The claim that minted the token.")] string ClaimId,
    [property: Id(3), Description("The wallet the token went to (EIP-55); only it may give details.")] string Wallet,
    [property: Id(4), Description("The token's tier; none: untiered.")] string? Tier,
    [property: Id(5), Description("SKUs held, one unit each (reservation id = order id).")] IReadOnlyList<string> Skus,
    [property: Id(6), Description("Packing-table shortcode of the order.")] string Shortcode,
    [property: Id(7), Description("When the claimant's details are due; after it the stock goes back.")] DateTimeOffset DetailsDue,
    [property: Id(8), Description("When.")] DateTimeOffset At) : OrderEvent;
