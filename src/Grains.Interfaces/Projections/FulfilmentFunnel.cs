namespace MicroEvents.Projections;

/// <summary>
/// A drop's fulfilment orders stage by stage, from the fulfilment-funnel projection. Each stage counts the
/// distinct tokens that reached it; <see cref="FunnelStage.Conversion"/> is that count over the count of the
/// stage it is measured against (<see cref="FunnelStage.Of"/>). <see cref="Position"/> is the global event
/// sequence it reflects.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FulfilmentFunnel(
    [property: Id(0)] string DropId,
    [property: Id(1)] IReadOnlyList<FunnelStage> Stages,
    [property: Id(2)] long Position);

/// <summary>One stage: <see cref="Orders"/> tokens reached it; <see cref="Conversion"/> = Orders / (Orders of <see cref="Of"/>), null when that is 0.</summary>
[GenerateSerializer, Immutable]
public sealed record FunnelStage(
    [property: Id(0)] string Stage,
    [property: Id(1)] long Orders,
    [property: Id(2)] string? Of,
    [property: Id(3)] double? Conversion);

/// <summary>The funnel's stages, in order, each with the stage it converts from.</summary>
public static class FunnelStages
{
    /// <summary>Tokens minted while the drop's merch mapping gave them SKUs: an order was tried.</summary>
    public const string MerchMinted = "merch-minted";
    public const string Ordered = "ordered";
    public const string Unmapped = "unmapped";
    public const string Details = "details-given";
    public const string Cancelled = "cancelled";
    public const string Sent = "sent-to-partner";
    public const string DeadLettered = "dead-lettered";
    public const string Accepted = "accepted";
    public const string Exception = "exception";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string ReturnRequested = "return-requested";
    public const string Returned = "returned";

    public static readonly IReadOnlyList<(string Stage, string? Of)> All =
    [
        (MerchMinted, null),
        (Ordered, MerchMinted),
        (Unmapped, MerchMinted),
        (Details, Ordered),
        (Cancelled, Ordered),
        (Sent, Details),
        (DeadLettered, Details),
        (Accepted, Sent),
        (Exception, Sent),
        (Shipped, Accepted),
        (Delivered, Shipped),
        (ReturnRequested, Delivered),
        (Returned, Delivered),
    ];
}
