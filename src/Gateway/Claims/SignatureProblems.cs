using MicroEvents.Rejections;
using MicroEvents.Signatures.Challenges;

namespace MicroEvents.Gateway.Claims;

/// <summary>The problem types of signed claims: one per reason a signature is refused.</summary>
public static class SignatureProblems
{
    public const string BadSignature = "bad-signature";
    public const string MalleableSignature = "malleable-signature";
    public const string WrongDomain = "wrong-domain";
    public const string ChallengeNotIssued = "challenge-not-issued";
    public const string ChallengeExpired = "challenge-expired";
    public const string SignerMismatch = "signer-mismatch";

    public static IEnumerable<KeyValuePair<string, int>> Statuses =>
    [
        new(BadSignature, 400),
        new(MalleableSignature, 400),
        new(WrongDomain, 403),
        new(ChallengeNotIssued, 403),
        new(ChallengeExpired, 403),
        new(SignerMismatch, 403),
    ];

    public static Rejected For(ChallengeVerdict verdict) => verdict switch
    {
        ChallengeVerdict.BadSignature => new(BadSignature, "The signature is not 65 bytes of hex (r, s, v) that recover to a key."),
        ChallengeVerdict.MalleableSignature => new(MalleableSignature, "The signature's s is in the upper half of the curve order (EIP-2); sign again."),
        ChallengeVerdict.WrongDomain => new(WrongDomain, "The challenge was signed for another app, version, chain or contract."),
        ChallengeVerdict.NonceNotIssued => new(ChallengeNotIssued, "This nonce was not issued by us for this action, drop, wallet, tier, email and expiry (a signed challenge is only good for exactly what it names); ask for a new challenge."),
        ChallengeVerdict.Expired => new(ChallengeExpired, "The challenge has expired; ask for a new one."),
        ChallengeVerdict.SignerMismatch => new(SignerMismatch, "The signature was made by a key other than the wallet's."),
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Not a refusal."),
    };
}
