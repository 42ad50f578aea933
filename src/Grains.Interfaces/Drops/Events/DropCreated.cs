using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

/// <summary>The validated, normalised manifest; <see cref="ManifestHash"/> is SHA-256 of its canonical JSON.</summary>
[Description("A creator created the drop (in draft) from its validated, normalised manifest.")]
[GenerateSerializer, Immutable, EventAlias("drop.created.v1")]
public sealed record DropCreated(
    [property: Id(0), Description("The drop's slug; the stream is drop/{dropId}.")] string DropId,
    [property: Id(1), Description("Title shown to attendees (at most 200 characters).")] string Title,
    [property: Id(2), Description("The creator's wallet address, EIP-55 checksummed.")] string Creator,
    [property: Id(3), Description("Tokens in the drop; token numbers run 1…supply.")] long Supply,
    [property: Id(4), Description("Most tokens one wallet may hold from this drop.")] int PerWalletLimit,
    [property: Id(5), Description("Start of the claim window (inclusive); none: from opening.")] DateTimeOffset? StartsAt,
    [property: Id(6), Description("End of the claim window (exclusive); none: until closed or sold out.")] DateTimeOffset? EndsAt,
    [property: Id(7), Description("Named tiers with their allocations; the rest of the supply is untiered.")] IReadOnlyList<TierAllocation> Tiers,
    [property: Id(8), Description("The digital assets, pinned by SHA-256.")] IReadOnlyList<DropAsset> Assets,
    [property: Id(9), Description("SHA-256 (hex) of the canonical JSON of the normalised manifest.")] string ManifestHash,
    [property: Id(10), Description("When the drop was created.")] DateTimeOffset CreatedAt,
    [property: Id(11), Description("Per-drop abuse limits overriding the gateway defaults; absent when the defaults apply.")] ClaimLimits? Limits = null,
    [property: Id(12), Description("Escrow window and unconfirmed-claim policy of custodial claims; absent: the silo's escrow window and keep.")] CustodyRules? Custody = null,
    [property: Id(13), Description("Who: key:<id> for an API key, the creator's wallet, system or cli; absent on events stored before callers were recorded.")] string? By = null) : DropEvent;
