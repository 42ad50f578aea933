using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

/// <summary>Token <see cref="TokenNumber"/> went to <see cref="Wallet"/> (EIP-55 checksummed) for claim <see cref="ClaimId"/>.</summary>
[GenerateSerializer, Immutable, EventAlias("drop.token_minted.v1")]
public sealed record TokenMinted(
    [property: Id(0)] string ClaimId,
    [property: Id(1)] long TokenNumber,
    [property: Id(2)] string Wallet,
    [property: Id(3)] string? Tier,
    [property: Id(4)] DateTimeOffset ClaimedAt) : DropEvent;
