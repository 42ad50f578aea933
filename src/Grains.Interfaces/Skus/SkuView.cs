namespace MicroEvents.Skus;

/// <summary>A SKU as operators see it: stock per location and variant, what is reserved, and whether it runs low.</summary>
[GenerateSerializer, Immutable]
public sealed record SkuView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<string> Variants,
    [property: Id(3)] int LowStockThreshold,
    [property: Id(4)] IReadOnlyList<StockLine> Stock,
    [property: Id(5)] int OnHand,
    [property: Id(6)] int Reserved,
    [property: Id(7)] int Available,
    [property: Id(8)] bool Low);

/// <summary>One location's stock of one variant; <see cref="Reserved"/> counts reservations that chose this variant here.</summary>
[GenerateSerializer, Immutable]
public sealed record StockLine(
    [property: Id(0)] string Location,
    [property: Id(1)] string Variant,
    [property: Id(2)] int OnHand,
    [property: Id(3)] int Reserved);

/// <summary>A reservation's place: the variant and location it holds, both null while it holds "any variant".</summary>
[GenerateSerializer, Immutable]
public sealed record StockReservation(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string? Variant,
    [property: Id(2)] string? Location);
