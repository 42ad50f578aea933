namespace MicroEvents.Gateway.Claims;

/// <summary>
/// Ask for a challenge to sign. <see cref="Kind"/> names the action: <c>self-custody</c> (the default: claim to
/// <see cref="Wallet"/>), <c>custodial</c> (claim into escrow for the ephemeral key <see cref="Wallet"/>; the code goes
/// to <see cref="Email"/>, which the typed data binds as a hash), or <c>hand-off</c> (<see cref="Wallet"/> accepts
/// custodial claim <see cref="ClaimId"/>). <see cref="Tier"/> (claims only) is signed too: claim exactly what you signed.
/// </summary>
public sealed record ChallengeRequest(string? Wallet, string? Kind = null, string? Tier = null, string? Email = null, string? ClaimId = null);
