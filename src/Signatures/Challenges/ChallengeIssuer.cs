using System.Security.Cryptography;
using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// Issues claim challenges and recognises its own: the nonce carries an HMAC (server key) over the domain,
/// the terms (action, drop, wallet, tier, email hash, handed-off claim), the random part and the expiry, so the
/// gateway checks a challenge without storing it, and a nonce made up by a client, or moved to another action,
/// drop, wallet, tier, email or expiry, is refused. A nonce is therefore one kind of claim for good.
/// </summary>
public sealed class ChallengeIssuer
{
    public const int MinKeyBytes = 32;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public ChallengeIssuer(byte[] key, TimeProvider clock, TimeSpan lifetime)
    {
        if (key.Length < MinKeyBytes) throw new ArgumentException($"The challenge key needs at least {MinKeyBytes} bytes.", nameof(key));
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), $"A challenge lives at most {MaxLifetime.TotalMinutes} minutes.");
        _key = key.ToArray();
        _clock = clock;
        Lifetime = lifetime;
    }

    public TimeSpan Lifetime { get; }

    public ClaimChallenge Issue(ChallengeDomain domain, ChallengeTerms terms)
    {
        var random = RandomNumberGenerator.GetBytes(ChallengeNonce.RandomLength);
        var expiry = (_clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        return new ClaimChallenge(domain, terms, ChallengeNonce.From(random, Tag(domain, terms, random, expiry)), expiry);
    }

    /// <summary>True when we issued exactly this challenge (whether or not it has expired since).</summary>
    public bool Issued(ClaimChallenge challenge) =>
        CryptographicOperations.FixedTimeEquals(
            challenge.Nonce.Tag,
            Tag(challenge.Domain, challenge.Terms, challenge.Nonce.Random, challenge.Expiry).AsSpan(0, ChallengeNonce.Length - ChallengeNonce.RandomLength));

    private byte[] Tag(ChallengeDomain domain, ChallengeTerms terms, ReadOnlySpan<byte> random, long expiry)
    {
        // Length-prefixed fields, so no two different challenges can encode to the same bytes.
        var fields = new[]
        {
            "microevents.claim-challenge.v2", domain.Name, domain.Version, domain.ChainId.ToString(),
            domain.VerifyingContract.ToLowerInvariant(), terms.Canonical(), random.ToArray().ToHex(), expiry.ToString(),
        };
        var text = string.Concat(fields.Select(f => $"{f.Length}:{f}"));
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text));
    }
}
