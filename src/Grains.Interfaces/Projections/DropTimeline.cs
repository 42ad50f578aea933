namespace MicroEvents.Projections;

/// <summary>
/// A drop's claims over time, from the drop-timeline projection: per minute (of the drop's clock), per
/// tier and per node (online claims, and each venue node's redeemed vouchers), and refusals by reason.
/// <see cref="Position"/> is the global event sequence it reflects.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DropTimeline(
    [property: Id(0)] string DropId,
    [property: Id(1)] long Claims,
    [property: Id(2)] IReadOnlyList<MinuteClaims> Minutes,
    [property: Id(3)] IReadOnlyList<TierClaims> Tiers,
    [property: Id(4)] IReadOnlyList<RefusalCount> Refusals,
    [property: Id(5)] long Position,
    [property: Id(6)] IReadOnlyList<NodeClaims> Nodes);

[GenerateSerializer, Immutable]
public sealed record MinuteClaims([property: Id(0)] DateTimeOffset Minute, [property: Id(1)] long Claims);

/// <summary>Claims of one tier; <see cref="Tier"/> is null for untiered tokens.</summary>
[GenerateSerializer, Immutable]
public sealed record TierClaims([property: Id(0)] string? Tier, [property: Id(1)] long Claims);

/// <summary>Claims refused for <see cref="Reason"/> (a problem code), as far as refusals are recorded as events.</summary>
[GenerateSerializer, Immutable]
public sealed record RefusalCount([property: Id(0)] string Reason, [property: Id(1)] long Count);

/// <summary>
/// Claims that came through <see cref="Node"/>: its offline vouchers redeemed at reconciliation. Online claims
/// (phones, the gateway) name no node: <see cref="Node"/> is null and <see cref="Channel"/> is <c>online</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeClaims([property: Id(0)] string? Node, [property: Id(1)] string Channel, [property: Id(2)] long Claims)
{
    public const string Online = "online", Voucher = "voucher";
}
