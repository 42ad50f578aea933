namespace MicroEvents.Skus;

/// <summary>
/// Stock arriving (<see cref="Quantity"/> &gt; 0) or corrected (any sign, with a reason) at one location for
/// one variant. <see cref="MoveId"/> makes a retried move count once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StockMove(
    [property: Id(0)] string MoveId,
    [property: Id(1)] string Location,
    [property: Id(2)] string Variant,
    [property: Id(3)] int Quantity,
    [property: Id(4)] string Reason);
