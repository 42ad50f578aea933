using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>
/// Token <see cref="TokenNumber"/> is held in escrow for the ephemeral key until <see cref="EscrowUntil"/>.
/// <see cref="EmailHash"/> and <see cref="CodeHash"/> are salted SHA-256: enough to match, never to read.
/// </summary>
[Description("The minted token is held in escrow for an ephemeral key until the escrow ends.")]
[GenerateSerializer, Immutable, EventAlias("claim.token_escrowed.v1")]
public sealed record TokenEscrowed(
    [property: Id(0), Description("The drop's token number held.")] long TokenNumber,
    [property: Id(1), Description("Address of the claimant's ephemeral key that may take the token.")] string EphemeralKey,
    [property: Id(2), Description("Salted SHA-256 of the claimant's email address.")] string EmailHash,
    [property: Id(3), Description("Salted SHA-256 of the mailed confirmation code.")] string CodeHash,
    [property: Id(4), Description("When escrow began.")] DateTimeOffset EscrowedAt,
    [property: Id(5), Description("When escrow ends unless confirmed or handed off.")] DateTimeOffset EscrowUntil,
    [property: Id(6), Description("The drop's policy for the token if escrow ends unconfirmed: keep or release.")] string UnconfirmedPolicy = "keep") : ClaimEvent;
