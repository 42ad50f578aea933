namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// A challenge as a client sends it back: the message fields it signed, its signature and, optionally,
/// the domain it signed under (so a signature for another chain is named as such).
/// </summary>
public sealed record SignedClaim(string DropId, string Wallet, string Nonce, long Expiry, string Signature, ChallengeDomain? Domain = null);
