namespace MicroEvents.Drops;

/// <summary>An attendee's claim. <see cref="ClaimId"/> is chosen by the client so retries are safe.</summary>
[GenerateSerializer, Immutable]
public sealed record ClaimToken(
    [property: Id(0)] string ClaimId,
    [property: Id(1)] string Wallet,
    [property: Id(2)] string? Tier);
