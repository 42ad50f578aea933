using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Skus.Events;

[Description("An operator corrected the count at a location (stock take, damage…), never below what is reserved.")]
[GenerateSerializer, Immutable, EventAlias("sku.stock_adjusted.v1")]
public sealed record StockAdjusted(
    [property: Id(0), Description("The caller's id of this move; a retry with it counts once.")] string MoveId,
    [property: Id(1), Description("Warehouse location.")] string Location,
    [property: Id(2), Description("Variant corrected.")] string Variant,
    [property: Id(3), Description("Change in units on hand (either sign).")] int Delta,
    [property: Id(4), Description("Why the count changed.")] string Reason,
    [property: Id(5), Description("When.")] DateTimeOffset At) : SkuEvent;
