namespace MicroEvents.Gateway.Claims;

/// <summary>
/// A claim carrying a signed challenge: the challenge's wallet, nonce and expiry, the wallet's EIP-712
/// signature (<c>0x</c> + 130 hex digits) and optionally the domain it was signed under and a tier.
/// </summary>
public sealed record SignedClaimRequest(string? Wallet, string? Nonce, long Expiry, string? Signature, string? Tier, DomainView? Domain) : Limits.IClaimBody;
