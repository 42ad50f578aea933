namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// Checks a signed claim without any state: domain, our HMAC on the nonce, expiry, signature shape,
/// low s, and that the recovered signer is the wallet. Pure CPU work, so the gateway runs it in parallel
/// outside any actor's turn.
/// </summary>
public sealed class ChallengeVerifier(ChallengeIssuer issuer, TimeProvider clock)
{
    public ChallengeVerdict Verify(SignedClaim claim, out ClaimChallenge? challenge)
    {
        challenge = null;
        if (claim.Domain is { } signedUnder && !signedUnder.SameAs(issuer.Domain)) return ChallengeVerdict.WrongDomain;
        if (!ChallengeNonce.TryParse(claim.Nonce, out var nonce)) return ChallengeVerdict.NonceNotIssued;

        var candidate = new ClaimChallenge(issuer.Domain, claim.DropId, claim.Wallet, nonce, claim.Expiry);
        if (!issuer.Issued(candidate)) return ChallengeVerdict.NonceNotIssued;
        if (clock.GetUtcNow().ToUnixTimeSeconds() >= claim.Expiry) return ChallengeVerdict.Expired;

        if (!WalletSignature.TryParse(claim.Signature, out var signature)) return ChallengeVerdict.BadSignature;
        if (!signature.IsLowS) return ChallengeVerdict.MalleableSignature;
        var signer = signature.RecoverSigner(candidate.Digest());
        if (signer is null) return ChallengeVerdict.BadSignature;
        if (!string.Equals(signer, claim.Wallet, StringComparison.OrdinalIgnoreCase)) return ChallengeVerdict.SignerMismatch;

        challenge = candidate;
        return ChallengeVerdict.Valid;
    }
}
