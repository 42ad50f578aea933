using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("The claimant chose variants and gave a valid shipping address (the address is kept outside the events).")]
[GenerateSerializer, Immutable, EventAlias("order.details_provided.v1")]
public sealed record DetailsProvided(
    [property: Id(0), Description("The variant chosen per SKU.")] IReadOnlyList<VariantChoice> Variants,
    [property: Id(1), Description("Destination country, ISO 3166-1 alpha-2.")] string Country,
    [property: Id(2), Description("SHA-256 of the address as sent to the partner, to match without reading it.")] string AddressHash,
    [property: Id(3), Description("When.")] DateTimeOffset At) : OrderEvent;
