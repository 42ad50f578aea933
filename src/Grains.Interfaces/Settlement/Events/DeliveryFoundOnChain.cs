using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("Before sending (again), the token was already minted (the holder claimed it itself, or an earlier delivery): nothing was sent.")]
[GenerateSerializer, Immutable, EventAlias("settlement.delivery_found_on_chain.v1")]
public sealed record DeliveryFoundOnChain(
    [property: Id(0), Description("The drop.")] string DropId,
    [property: Id(1), Description("The claim.")] string ClaimId,
    [property: Id(2), Description("The token's owner on chain.")] string Owner,
    [property: Id(3), Description("When it was found.")] DateTimeOffset FoundAt) : SettlementEvent;
