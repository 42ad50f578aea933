using System.ComponentModel;

namespace MicroEvents.Drops;

/// <summary>
/// A drop's fallback manifest: another asset set for when the primary assets fail at the venue (a CDN or pinning
/// service down). Everything else (supply, tiers, limits, window) stays the primary's, so a switch changes what a
/// token shows and never who may get one or how many. Its hash is computed exactly like the primary's, over the
/// primary manifest with these assets.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ContingencyManifest(
    [property: Id(0), Description("The fallback assets (1–100), pinned by SHA-256; must differ from the primary assets.")] IReadOnlyList<DropAsset>? Assets);

/// <summary>A recorded decision to switch a drop to its fallback manifest, or back: a client-chosen id (a retry reuses it) and why.</summary>
[GenerateSerializer, Immutable]
public sealed record ContingencySwitchRequest(
    [property: Id(0), Description("The caller's id for this decision; sending it again answers the same and records nothing.")] string? DecisionId,
    [property: Id(1), Description("Why (at most 500 characters), e.g. \"primary CDN times out at the door\".")] string? Reason);

/// <summary>A drop's fallback manifest and which manifest new mints are under now.</summary>
[GenerateSerializer, Immutable]
public sealed record ContingencyView(
    [property: Id(0)] string DropId,
    [property: Id(1), Description("The primary manifest's hash.")] string PrimaryManifestHash,
    [property: Id(2), Description("The fallback manifest's hash; none: the drop has no fallback.")] string? FallbackManifestHash,
    [property: Id(3), Description("The fallback assets.")] IReadOnlyList<DropAsset> FallbackAssets,
    [property: Id(4), Description("Whether new mints are under the fallback manifest.")] bool Active,
    [property: Id(5), Description("The hash new mints carry now.")] string ManifestHashInForce,
    [property: Id(6), Description("Every switch, oldest first.")] IReadOnlyList<ContingencySwitchView> Switches);

[GenerateSerializer, Immutable]
public sealed record ContingencySwitchView(
    [property: Id(0)] string DecisionId,
    [property: Id(1), Description("fallback or primary.")] string To,
    [property: Id(2), Description("The manifest hash new mints carry from then on.")] string ManifestHash,
    [property: Id(3), Description("key:<id> of an operator, or node:<id>.")] string By,
    [property: Id(4)] string Reason,
    [property: Id(5), Description("The node that decided; none: an operator.")] string? NodeId,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7), Description("The first mint (in mint order) under this switch.")] long FromMint);
