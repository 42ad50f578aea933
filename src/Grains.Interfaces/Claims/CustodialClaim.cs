namespace MicroEvents.Claims;

/// <summary>
/// A low-friction claim: the phone's ephemeral key (already proven by its challenge signature) holds
/// the token in escrow until the claimant confirms the code mailed to <see cref="Email"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CustodialClaim(
    [property: Id(0)] string EphemeralKey,
    [property: Id(1)] string Email,
    [property: Id(2)] string? Tier);

/// <summary>How a hand-off is authorised: the ephemeral key's signature (recovered address), or the mailed code.</summary>
[GenerateSerializer, Immutable]
public sealed record CustodyProof([property: Id(0)] string? EphemeralSigner, [property: Id(1)] string? Code);

/// <summary>A custodial claim's status and whether this call escrowed it or found it already escrowed.</summary>
[GenerateSerializer, Immutable]
public sealed record CustodyOutcome([property: Id(0)] ClaimStatus Status, [property: Id(1)] bool Replayed);
