using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>
/// Token <see cref="TokenNumber"/> is held in escrow for the ephemeral key until <see cref="EscrowUntil"/>.
/// <see cref="EmailHash"/> and <see cref="CodeHash"/> are salted SHA-256: enough to match, never to read.
/// </summary>
[GenerateSerializer, Immutable, EventAlias("claim.token_escrowed.v1")]
public sealed record TokenEscrowed(
    [property: Id(0)] long TokenNumber,
    [property: Id(1)] string EphemeralKey,
    [property: Id(2)] string EmailHash,
    [property: Id(3)] string CodeHash,
    [property: Id(4)] DateTimeOffset EscrowedAt,
    [property: Id(5)] DateTimeOffset EscrowUntil) : ClaimEvent;
