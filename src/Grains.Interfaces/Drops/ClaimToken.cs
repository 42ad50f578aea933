namespace MicroEvents.Drops;

/// <summary>
/// An attendee's claim. <see cref="ClaimId"/> is chosen by the client so retries are safe. <see cref="Custodian"/>:
/// for a custodial claim, the account holding the token on chain (the receipt leaf's holder) while
/// <see cref="Wallet"/> (the ephemeral key) counts for the per-wallet limit.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClaimToken(
    [property: Id(0)] string ClaimId,
    [property: Id(1)] string Wallet,
    [property: Id(2)] string? Tier,
    [property: Id(3)] string? Custodian = null);
