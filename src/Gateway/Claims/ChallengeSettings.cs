using System.Security.Cryptography;
using MicroEvents.Signatures.Challenges;

namespace MicroEvents.Gateway.Claims;

/// <summary>
/// The <c>Claims</c> configuration section for signed claims. Every gateway of a deployment must share
/// <c>Claims:SecretKey</c>, or a challenge issued by one is refused by another.
/// </summary>
public sealed record ChallengeSettings(byte[]? ChallengeKey, long ChainId, string? VerifyingContract, TimeSpan Lifetime)
{
    public static ChallengeSettings From(IConfiguration config)
    {
        var section = config.GetSection("Claims");
        var key = section["SecretKey"];
        byte[]? keyBytes = null;
        if (!string.IsNullOrWhiteSpace(key))
        {
            try { keyBytes = Convert.FromBase64String(key); }
            catch (FormatException) { throw new InvalidOperationException("Claims:SecretKey must be base64."); }
            if (keyBytes.Length < ChallengeIssuer.MinKeyBytes)
                throw new InvalidOperationException($"Claims:SecretKey must hold at least {ChallengeIssuer.MinKeyBytes} bytes.");
        }

        var seconds = section.GetValue("ChallengeLifetimeSeconds", (int)ChallengeIssuer.MaxLifetime.TotalSeconds);
        if (seconds < 1 || seconds > ChallengeIssuer.MaxLifetime.TotalSeconds)
            throw new InvalidOperationException($"Claims:ChallengeLifetimeSeconds must be between 1 and {ChallengeIssuer.MaxLifetime.TotalSeconds}.");

        return new ChallengeSettings(keyBytes,
            section.GetValue("ChainId", ChallengeDomain.DefaultChainId),
            string.IsNullOrWhiteSpace(section["VerifyingContract"]) ? null : section["VerifyingContract"],
            TimeSpan.FromSeconds(seconds));
    }

    /// <summary>The configured domain: <c>Claims:ChainId</c> and <c>Claims:VerifyingContract</c> (the zero address when unset).</summary>
    public ChallengeDomain Domain => ChallengeDomain.Default with
    {
        ChainId = ChainId, VerifyingContract = VerifyingContract ?? ChallengeDomain.DefaultVerifyingContract,
    };

    public ChallengeIssuer Issuer(TimeProvider clock, ILogger log)
    {
        if (ChallengeKey is not null) return new ChallengeIssuer(ChallengeKey, clock, Lifetime);
        log.LogWarning("Claims:SecretKey is not set: using a random key, so challenges do not survive a restart and other gateways refuse them");
        return new ChallengeIssuer(RandomNumberGenerator.GetBytes(ChallengeIssuer.MinKeyBytes), clock, Lifetime);
    }
}
