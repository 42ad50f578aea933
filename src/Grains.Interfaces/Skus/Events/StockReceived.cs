using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Skus.Events;

[Description("Units arrived at a location: a delivery, or a returned item put back on the shelf.")]
[GenerateSerializer, Immutable, EventAlias("sku.stock_received.v1")]
public sealed record StockReceived(
    [property: Id(0), Description("The caller's id of this move; a retry with it counts once.")] string MoveId,
    [property: Id(1), Description("Warehouse location.")] string Location,
    [property: Id(2), Description("Variant received.")] string Variant,
    [property: Id(3), Description("Units received (positive).")] int Quantity,
    [property: Id(4), Description("Why (delivery, return restock…).")] string Reason,
    [property: Id(5), Description("When.")] DateTimeOffset At) : SkuEvent;
