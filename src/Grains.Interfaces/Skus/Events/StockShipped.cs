using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Skus.Events;

[Description("A held unit left the warehouse with its order: units on hand and the hold both drop by one.")]
[GenerateSerializer, Immutable, EventAlias("sku.stock_shipped.v1")]
public sealed record StockShipped(
    [property: Id(0), Description("The reservation shipped.")] string ReservationId,
    [property: Id(1), Description("When.")] DateTimeOffset At) : SkuEvent;
