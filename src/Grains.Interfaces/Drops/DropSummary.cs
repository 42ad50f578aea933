namespace MicroEvents.Drops;

/// <summary>
/// A drop as clients see it. <see cref="Signer"/> is the address of the key that signs its receipt roots (once a
/// batch is sealed); <see cref="SealedThrough"/> the last version of its stream whose mints are sealed;
/// <see cref="FallbackManifestHash"/> its contingency manifest's hash (if any), and whether new mints are under it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DropSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Creator,
    [property: Id(3)] DropStatus Status,
    [property: Id(4)] long Supply,
    [property: Id(5)] long Minted,
    [property: Id(6)] long Remaining,
    [property: Id(7)] int PerWalletLimit,
    [property: Id(8)] DateTimeOffset? StartsAt,
    [property: Id(9)] DateTimeOffset? EndsAt,
    [property: Id(10)] IReadOnlyList<TierSummary> Tiers,
    [property: Id(11)] string ManifestHash,
    [property: Id(12)] long Version,
    [property: Id(13)] string? Signer = null,
    [property: Id(14)] long SealedThrough = 0,
    [property: Id(15)] string? FallbackManifestHash = null,
    [property: Id(16)] bool ContingencyActive = false);

[GenerateSerializer, Immutable]
public sealed record TierSummary([property: Id(0)] string Name, [property: Id(1)] long Allocation, [property: Id(2)] long Minted);

/// <summary>What a client sees; <see cref="SoldOut"/> is an open drop with nothing left.</summary>
public enum DropStatus { Draft, Open, Paused, Closed, SoldOut }
