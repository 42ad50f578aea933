using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

/// <summary>The drop's fallback manifest: the primary manifest with <see cref="Assets"/>, hashed the same way.</summary>
[Description("The creator set the drop's fallback (contingency) manifest: another asset set, set at creation or before opening; venue nodes prime it with the primary.")]
[GenerateSerializer, Immutable, EventAlias("drop.contingency_set.v1")]
public sealed record ContingencySet(
    [property: Id(0), Description("The fallback assets, normalised like the primary's.")] IReadOnlyList<DropAsset> Assets,
    [property: Id(1), Description("SHA-256 (hex) of the canonical JSON of the primary manifest with these assets.")] string ManifestHash,
    [property: Id(2), Description("When it was set.")] DateTimeOffset At,
    [property: Id(3), Description("Who: key:<id> for an API key, the creator's wallet.")] string? By = null) : DropEvent;
