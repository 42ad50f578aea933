using System.Security.Cryptography;
using System.Text;

namespace MicroEvents.Claims;

/// <summary>
/// Keyed hashes of a claim's email and codes. Events are exported to analysts, and a six-digit code
/// (or a list of likely emails) is guessed from a plain hash in a moment; an HMAC with a server key
/// that never leaves the silo matches without revealing anything.
/// </summary>
public sealed class ClaimSecrets(byte[] key)
{
    public const int CodeDigits = 6;

    public string EmailHash(string claimKey, string email) => Hash("email", claimKey, email.Trim().ToLowerInvariant());

    public string CodeHash(string claimKey, string code) => Hash("code", claimKey, code.Trim());

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");

    /// <summary>
    /// The first code of a custodial claim, derived from the server key and the claim: every attempt of one claim mails
    /// the same code, so a retry after a failure never mails one that does not work. As unguessable as a random code
    /// without the key; with the key, the code's stored hash gave it away anyway (a million tries).
    /// </summary>
    public string FirstCode(string claimKey)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"microevents.claim.first-code.v1\n{claimKey}"));
        return (System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(mac) % 1_000_000).ToString("D6");
    }

    public bool Matches(string expectedHash, string actualHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expectedHash), Encoding.ASCII.GetBytes(actualHash));

    private string Hash(string purpose, string claimKey, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"microevents.claim.{purpose}.v1\n{claimKey}\n{value}")));
}
