namespace MicroEvents.Skus;

/// <summary>What an operator defines once per SKU: a title, its variants (size/colour) and when stock counts as low.</summary>
[GenerateSerializer, Immutable]
public sealed record SkuDefinition(
    [property: Id(0)] string Title,
    [property: Id(1)] IReadOnlyList<string> Variants,
    [property: Id(2)] int LowStockThreshold);
