namespace MicroEvents.Projections;

/// <summary>
/// A drop's claims over time, from the drop-timeline projection: per minute (of the drop's clock), per
/// tier, and refusals by reason. <see cref="Position"/> is the global event sequence it reflects.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DropTimeline(
    [property: Id(0)] string DropId,
    [property: Id(1)] long Claims,
    [property: Id(2)] IReadOnlyList<MinuteClaims> Minutes,
    [property: Id(3)] IReadOnlyList<TierClaims> Tiers,
    [property: Id(4)] IReadOnlyList<RefusalCount> Refusals,
    [property: Id(5)] long Position);

[GenerateSerializer, Immutable]
public sealed record MinuteClaims([property: Id(0)] DateTimeOffset Minute, [property: Id(1)] long Claims);

/// <summary>Claims of one tier; <see cref="Tier"/> is null for untiered tokens.</summary>
[GenerateSerializer, Immutable]
public sealed record TierClaims([property: Id(0)] string? Tier, [property: Id(1)] long Claims);

/// <summary>Claims refused for <see cref="Reason"/> (a problem code), as far as refusals are recorded as events.</summary>
[GenerateSerializer, Immutable]
public sealed record RefusalCount([property: Id(0)] string Reason, [property: Id(1)] long Count);
