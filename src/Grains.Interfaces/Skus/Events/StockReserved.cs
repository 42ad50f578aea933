using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Skus.Events;

[Description("One unit is held for a reservation (a fulfilment order); variant and location are none while it holds any variant.")]
[GenerateSerializer, Immutable, EventAlias("sku.stock_reserved.v1")]
public sealed record StockReserved(
    [property: Id(0), Description("The reservation's id: the fulfilment order's id.")] string ReservationId,
    [property: Id(1), Description("The variant held; none: any variant, chosen later.")] string? Variant,
    [property: Id(2), Description("The location held; none while no variant is chosen.")] string? Location,
    [property: Id(3), Description("When.")] DateTimeOffset At) : SkuEvent;
