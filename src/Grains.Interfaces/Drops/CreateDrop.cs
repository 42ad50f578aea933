using System.ComponentModel;

namespace MicroEvents.Drops;

/// <summary>A creator's manifest for a new drop, as submitted (validated by the drop itself).</summary>
[GenerateSerializer, Immutable]
public sealed record CreateDrop(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Creator,
    [property: Id(3)] long Supply,
    [property: Id(4)] int? PerWalletLimit,
    [property: Id(5)] DateTimeOffset? StartsAt,
    [property: Id(6)] DateTimeOffset? EndsAt,
    [property: Id(7)] IReadOnlyList<TierAllocation>? Tiers,
    [property: Id(8)] IReadOnlyList<DropAsset> Assets,
    [property: Id(9)] ClaimLimits? Limits = null,
    [property: Id(10)] CustodyRules? Custody = null,
    [property: Id(11), Description("A fallback manifest (another asset set) venue nodes prime and may switch to; none: no fallback.")] ContingencyManifest? Contingency = null);

[GenerateSerializer, Immutable]
public sealed record TierAllocation(
    [property: Id(0), Description("Tier name, unique per drop (case-insensitive).")] string Name,
    [property: Id(1), Description("Tokens reserved for the tier.")] long Allocation);

/// <summary>A digital asset of the drop, pinned by its SHA-256 fingerprint.</summary>
[GenerateSerializer, Immutable]
public sealed record DropAsset(
    [property: Id(0), Description("Where the asset lives (https, http, ipfs, ipns or ar).")] string Uri,
    [property: Id(1), Description("SHA-256 of the asset's bytes, 64 hex digits.")] string Sha256,
    [property: Id(2), Description("Media type, e.g. image/png.")] string MediaType);
