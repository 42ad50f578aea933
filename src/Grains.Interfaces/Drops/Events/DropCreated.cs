using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

/// <summary>The validated, normalised manifest; <see cref="ManifestHash"/> is SHA-256 of its canonical JSON.</summary>
[GenerateSerializer, Immutable, EventAlias("drop.created.v1")]
public sealed record DropCreated(
    [property: Id(0)] string DropId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Creator,
    [property: Id(3)] long Supply,
    [property: Id(4)] int PerWalletLimit,
    [property: Id(5)] DateTimeOffset? StartsAt,
    [property: Id(6)] DateTimeOffset? EndsAt,
    [property: Id(7)] IReadOnlyList<TierAllocation> Tiers,
    [property: Id(8)] IReadOnlyList<DropAsset> Assets,
    [property: Id(9)] string ManifestHash,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] ClaimLimits? Limits = null) : DropEvent;
