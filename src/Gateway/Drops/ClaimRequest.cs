namespace MicroEvents.Gateway.Drops;

/// <summary>The claim body; the claim id may come from here or from the <c>Idempotency-Key</c> header.</summary>
public sealed record ClaimRequest(string? ClaimId, string Wallet, string? Tier) : Limits.IClaimBody;
