namespace MicroEvents.Venues;

/// <summary>
/// One venue node over its whole life, from the venue-nodes projection: heartbeats and round-trip times,
/// status and how often it changed, key rotations and revocations, and its vouchers and quota over every
/// drop it served (<see cref="Drops"/> per drop). <see cref="Position"/> is the global event sequence it reflects.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeStats(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string Venue,
    [property: Id(2)] string Label,
    [property: Id(3)] string Status,
    [property: Id(4)] long StatusChanges,
    [property: Id(5)] long Heartbeats,
    [property: Id(6)] int? LastRttMs,
    [property: Id(7)] double? MeanRttMs,
    [property: Id(8)] DateTimeOffset? LastHeartbeatAt,
    [property: Id(9)] long KeyRotations,
    [property: Id(10)] long KeyRevocations,
    [property: Id(11)] VoucherCounts Vouchers,
    [property: Id(12)] QuotaCounts Quota,
    [property: Id(13)] IReadOnlyList<NodeDropStats> Drops,
    [property: Id(14)] long Position);

/// <summary>A node's vouchers and quota of one drop.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeDropStats(
    [property: Id(0)] string DropId,
    [property: Id(1)] VoucherCounts Vouchers,
    [property: Id(2)] QuotaCounts Quota);

/// <summary>
/// Offline vouchers: <see cref="Issued"/> is the highest sequence number uploaded (a node numbers its vouchers
/// of a drop from 1), <see cref="Uploaded"/> the distinct vouchers received; of those, <see cref="Accepted"/>
/// were redeemed and <see cref="Rejected"/> refused (by reason), <see cref="Compensations"/> of them owed the
/// attendee a waitlist place or a refund.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VoucherCounts(
    [property: Id(0)] long Issued,
    [property: Id(1)] long Uploaded,
    [property: Id(2)] long Accepted,
    [property: Id(3)] long Rejected,
    [property: Id(4)] IReadOnlyDictionary<string, long> RejectedByReason,
    [property: Id(5)] long Compensations);

/// <summary>Tokens the drops reserved for the node (<see cref="Allocated"/>) and took back (<see cref="Returned"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record QuotaCounts(
    [property: Id(0)] long Allocated,
    [property: Id(1)] long Returned);

/// <summary>A venue's nodes, one by one and summed: nodes by current status, heartbeats, vouchers and quota.</summary>
[GenerateSerializer, Immutable]
public sealed record VenueStats(
    [property: Id(0)] string Venue,
    [property: Id(1)] IReadOnlyDictionary<string, long> NodesByStatus,
    [property: Id(2)] long Heartbeats,
    [property: Id(3)] double? MeanRttMs,
    [property: Id(4)] long StatusChanges,
    [property: Id(5)] long KeyRotations,
    [property: Id(6)] long KeyRevocations,
    [property: Id(7)] VoucherCounts Vouchers,
    [property: Id(8)] QuotaCounts Quota,
    [property: Id(9)] IReadOnlyList<NodeStats> Nodes,
    [property: Id(10)] long Position);
