namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// A challenge as a client sends it back: the terms it signed (rebuilt by the route from the request, so the route
/// itself is part of what is checked), the nonce, expiry and signature and, optionally, the domain it signed under
/// (so a signature for another chain or contract is named as such).
/// </summary>
public sealed record SignedClaim(ChallengeTerms Terms, string Nonce, long Expiry, string Signature, ChallengeDomain? Domain = null)
{
    public string Wallet => Terms.Wallet;
}
