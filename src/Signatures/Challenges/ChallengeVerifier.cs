namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// Checks a signed challenge without any state: domain, our HMAC on the nonce (over the action and every signed
/// field), signature shape, low s, that the recovered signer is the wallet, and only then the expiry, so an
/// expired challenge is only ever reported to whoever holds a valid signature of it. Pure CPU work, so the
/// gateway runs it in parallel outside any actor's turn.
/// </summary>
public sealed class ChallengeVerifier(ChallengeIssuer issuer, TimeProvider clock)
{
    /// <param name="domain">The domain this deployment signs under now (see the gateway's claim domain).</param>
    public ChallengeVerdict Verify(SignedClaim claim, ChallengeDomain domain, out ClaimChallenge? challenge)
    {
        challenge = null;
        if (claim.Domain is { } signedUnder && !signedUnder.SameAs(domain)) return ChallengeVerdict.WrongDomain;
        if (!ChallengeNonce.TryParse(claim.Nonce, out var nonce)) return ChallengeVerdict.NonceNotIssued;

        var candidate = new ClaimChallenge(domain, claim.Terms, nonce, claim.Expiry);
        if (!issuer.Issued(candidate)) return ChallengeVerdict.NonceNotIssued;

        if (!WalletSignature.TryParse(claim.Signature, out var signature)) return ChallengeVerdict.BadSignature;
        if (!signature.IsLowS) return ChallengeVerdict.MalleableSignature;
        var signer = signature.RecoverSigner(candidate.Digest());
        if (signer is null) return ChallengeVerdict.BadSignature;
        if (!string.Equals(signer, claim.Wallet, StringComparison.OrdinalIgnoreCase)) return ChallengeVerdict.SignerMismatch;

        challenge = candidate;
        return clock.GetUtcNow().ToUnixTimeSeconds() >= claim.Expiry ? ChallengeVerdict.Expired : ChallengeVerdict.Valid;
    }
}
