namespace MicroEvents.Gateway.Claims;

/// <summary>
/// A custodial claim: the phone's ephemeral key signed a <c>custodial</c> challenge for itself (as <see cref="Wallet"/>)
/// binding the hash of <see cref="Email"/> (where the code goes) and <see cref="Tier"/>.
/// </summary>
public sealed record CustodialClaimRequest(string? Wallet, string? Nonce, long Expiry, string? Signature, string? Email, string? Tier, DomainView? Domain) : Limits.IClaimBody;

/// <summary>The mailed code and the ephemeral key's EIP-191 signature of the confirm message.</summary>
public sealed record ConfirmRequest(string? Code, string? Signature);

/// <summary>Ask for a fresh code; answered 202 whether or not the email matches, so addresses cannot be probed.</summary>
public sealed record CodeRequest(string? Email);

/// <summary>
/// Hand the token to <see cref="Wallet"/>: its signed <c>hand-off</c> challenge for this claim id (<see cref="Nonce"/>, <see cref="Expiry"/>,
/// <see cref="Signature"/>) and either the ephemeral key's signature of the hand-off message or the mailed code.
/// </summary>
public sealed record HandOffRequest(string? Wallet, string? Nonce, long Expiry, string? Signature, string? EphemeralSignature, string? Code, DomainView? Domain);
