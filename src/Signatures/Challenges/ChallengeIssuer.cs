using System.Security.Cryptography;
using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// Issues claim challenges and recognises its own: the nonce carries an HMAC (server key) over the
/// domain, drop, wallet, random part and expiry, so the gateway checks a challenge without storing it
/// and a nonce made up by a client, or moved to another drop, wallet or expiry, is refused.
/// </summary>
public sealed class ChallengeIssuer
{
    public const int MinKeyBytes = 32;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public ChallengeIssuer(byte[] key, ChallengeDomain domain, TimeProvider clock, TimeSpan lifetime)
    {
        if (key.Length < MinKeyBytes) throw new ArgumentException($"The challenge key needs at least {MinKeyBytes} bytes.", nameof(key));
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), $"A challenge lives at most {MaxLifetime.TotalMinutes} minutes.");
        _key = key.ToArray();
        _clock = clock;
        Domain = domain;
        Lifetime = lifetime;
    }

    public ChallengeDomain Domain { get; }

    public TimeSpan Lifetime { get; }

    public ClaimChallenge Issue(string dropId, string wallet)
    {
        var random = RandomNumberGenerator.GetBytes(ChallengeNonce.RandomLength);
        var expiry = (_clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        return new ClaimChallenge(Domain, dropId, wallet, ChallengeNonce.From(random, Tag(dropId, wallet, random, expiry)), expiry);
    }

    /// <summary>True when we issued exactly this challenge (whether or not it has expired since).</summary>
    public bool Issued(ClaimChallenge challenge) =>
        challenge.Domain.SameAs(Domain) &&
        CryptographicOperations.FixedTimeEquals(
            challenge.Nonce.Tag,
            Tag(challenge.DropId, challenge.Wallet, challenge.Nonce.Random, challenge.Expiry).AsSpan(0, ChallengeNonce.Length - ChallengeNonce.RandomLength));

    private byte[] Tag(string dropId, string wallet, ReadOnlySpan<byte> random, long expiry)
    {
        // Length-prefixed fields, so no two different challenges can encode to the same bytes.
        var fields = new[]
        {
            "microevents.claim-challenge.v1", Domain.Name, Domain.Version, Domain.ChainId.ToString(),
            Domain.VerifyingContract.ToLowerInvariant(), dropId, wallet.ToLowerInvariant(), random.ToArray().ToHex(), expiry.ToString(),
        };
        var text = string.Concat(fields.Select(f => $"{f.Length}:{f}"));
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text));
    }
}
