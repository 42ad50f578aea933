namespace MicroEvents.Signatures.Challenges;

/// <summary>Why a signed claim is accepted or refused; each refusal is its own problem type.</summary>
public enum ChallengeVerdict
{
    Valid,
    /// <summary>Not 65 bytes of hex with v in 0, 1, 27, 28, or no key recovers from it.</summary>
    BadSignature,
    /// <summary>s in the upper half of the curve order: the malleable twin of a valid signature (EIP-2).</summary>
    MalleableSignature,
    /// <summary>Signed for another app name, version, chain or contract.</summary>
    WrongDomain,
    /// <summary>The nonce was not issued by us for this drop, wallet and expiry.</summary>
    NonceNotIssued,
    /// <summary>A valid signature of a challenge we issued, but past its expiry (only reported once the signature checks out).</summary>
    Expired,
    /// <summary>A valid signature, but by a key other than the wallet's.</summary>
    SignerMismatch,
}
