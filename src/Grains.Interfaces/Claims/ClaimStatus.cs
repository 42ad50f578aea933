namespace MicroEvents.Claims;

public enum Custody
{
    /// <summary>Minted straight to the claimant's wallet.</summary>
    SelfCustody,
    /// <summary>Held for an ephemeral key until the emailed code is confirmed or the escrow ends.</summary>
    Escrow,
    /// <summary>Confirmed (or kept after escrow): held for the claimant until they hand it off.</summary>
    Custodial,
    /// <summary>Moved to the claimant's own wallet.</summary>
    HandedOff,
    /// <summary>Unconfirmed at the end of escrow under the release policy: the token went back to the drop.</summary>
    Released,
}

/// <summary>A claim as its claimant (or anyone with the claim id) sees it. Never carries the email.</summary>
[GenerateSerializer, Immutable]
public sealed record ClaimStatus(
    [property: Id(0)] string DropId,
    [property: Id(1)] string ClaimId,
    [property: Id(2)] long TokenNumber,
    [property: Id(3)] string Holder,
    [property: Id(4)] Custody Custody,
    [property: Id(5)] bool Confirmed,
    [property: Id(6)] DateTimeOffset? EscrowUntil,
    [property: Id(7)] string? Recovery);
