using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Skus.Events;

[Description("A held unit went back to available stock.")]
[GenerateSerializer, Immutable, EventAlias("sku.stock_released.v1")]
public sealed record StockReleased(
    [property: Id(0), Description("The reservation released.")] string ReservationId,
    [property: Id(1), Description("Why (order cancelled, details deadline passed…).")] string Reason,
    [property: Id(2), Description("When.")] DateTimeOffset At) : SkuEvent;
