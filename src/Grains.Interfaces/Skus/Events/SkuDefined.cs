using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Skus.Events;

[Description("An operator defined the SKU.")]
[GenerateSerializer, Immutable, EventAlias("sku.sku_defined.v1")]
public sealed record SkuDefined(
    [property: Id(0), Description("Product title.")] string Title,
    [property: Id(1), Description("Variants (size, colour) a claimant chooses from.")] IReadOnlyList<string> Variants,
    [property: Id(2), Description("Available units at or below which the SKU counts as low on stock.")] int LowStockThreshold,
    [property: Id(3), Description("When it was defined.")] DateTimeOffset DefinedAt) : SkuEvent;
