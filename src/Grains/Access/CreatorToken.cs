using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MicroEvents.Access;

/// <summary>
/// The creator's bearer token: a compact JWT (HS256) naming the wallet, its role and its expiry.
/// Verification accepts exactly the header this class writes, so no token can choose its own algorithm.
/// </summary>
public static class CreatorToken
{
    public const string Issuer = "microevents";
    private static readonly string Header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);

    // Jti (since revocation by token id): tokens issued before it have none and can be revoked by wallet only.
    private sealed record Claims(string Iss, string Sub, string Role, long Iat, long Exp, string? Jti = null);

    /// <summary>What a genuine token says: its wallet, issue and expiry times, and its id (none on older tokens).</summary>
    public sealed record Verified(string Wallet, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string? TokenId);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const long MaxUnixSeconds = 253_402_300_799; // 9999-12-31

    public static string Issue(string wallet, DateTimeOffset now, TimeSpan lifetime, byte[] key)
    {
        var claims = new Claims(Issuer, wallet, "creator", now.ToUnixTimeSeconds(), (now + lifetime).ToUnixTimeSeconds(),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims, Json));
        var signed = $"{Header}.{payload}";
        return $"{signed}.{Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)))}";
    }

    /// <summary>The wallet and expiry of a genuine, unexpired token; null for anything else.</summary>
    public static (string Wallet, DateTimeOffset ExpiresAt)? Verify(string token, DateTimeOffset now, byte[] key) =>
        Verify(token, now, [key]) is { } valid ? (valid.Wallet, valid.ExpiresAt) : null;

    /// <summary>
    /// A genuine, unexpired token signed by any of <paramref name="keys"/> (the current signing key and those
    /// still in their overlap after a rotation); null for anything else.
    /// </summary>
    public static Verified? Verify(string token, DateTimeOffset now, IReadOnlyList<byte[]> keys)
    {
        if (token.Length > 2048) return null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header) return null;

        if (!TryFromBase64Url(parts[2], out var signature)) return null;
        var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        if (!keys.Any(key => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, signed), signature))) return null;
        return Read(token, now);
    }

    /// <summary>
    /// What an unexpired token of the right shape claims, without checking its signature: only to know which
    /// revocations to look up before <see cref="Verify(string, DateTimeOffset, IReadOnlyList{byte[]})"/>.
    /// </summary>
    public static Verified? Read(string token, DateTimeOffset now)
    {
        if (token.Length > 2048) return null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header) return null;
        if (!TryFromBase64Url(parts[1], out var payload)) return null;

        Claims? claims;
        try { claims = JsonSerializer.Deserialize<Claims>(payload, Json); }
        catch (JsonException) { return null; }
        if (claims is not { Iss: Issuer, Role: "creator" } || claims.Sub is null) return null;
        // Read before the signature is checked: out-of-range times must be refused, not thrown.
        if (claims.Iat is < 0 or > MaxUnixSeconds || claims.Exp is < 0 or > MaxUnixSeconds) return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.Exp);
        return expires > now ? new Verified(claims.Sub, DateTimeOffset.FromUnixTimeSeconds(claims.Iat), expires, claims.Jti) : null;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        bytes = new byte[padded.Length];
        if (text.Contains('=') || !Convert.TryFromBase64String(padded, bytes, out var written)) return false;
        bytes = bytes[..written];
        return true;
    }
}
