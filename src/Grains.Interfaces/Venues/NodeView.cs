namespace MicroEvents.Venues;

/// <summary>A node as operators see it in the venue listing.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeView(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string Venue,
    [property: Id(2)] string Label,
    [property: Id(3)] NodeStatus Status,
    [property: Id(4)] string? ActiveKey,
    [property: Id(5)] DateTimeOffset? LastHeartbeatAt,
    [property: Id(6)] int? LastRttMs,
    [property: Id(7)] int? LastClockOffsetMs,
    [property: Id(8)] int? QueueDepth,
    [property: Id(9)] string? AppVersion,
    [property: Id(10)] IReadOnlyList<NodeQuotaView> Quotas,
    [property: Id(11)] PreflightReport? LastPreflight,
    [property: Id(12)] IReadOnlyList<NodeKeyView> Keys,
    [property: Id(13)] DateTimeOffset RegisteredAt);

[GenerateSerializer, Immutable]
public sealed record NodeKeyView(
    [property: Id(0)] string Address,
    [property: Id(1)] DateTimeOffset ActiveFrom,
    [property: Id(2)] DateTimeOffset? ActiveUntil,
    [property: Id(3)] DateTimeOffset? RevokedFrom,
    [property: Id(4)] string? RevocationReason);

/// <summary>A node's quota of one drop as the drop holds it: <see cref="Held"/> tokens are still reserved for its vouchers.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeQuotaView(
    [property: Id(0)] string DropId,
    [property: Id(1)] long Allocated,
    [property: Id(2)] long Returned,
    [property: Id(3)] long Redeemed,
    [property: Id(4)] long Held);
