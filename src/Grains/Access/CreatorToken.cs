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

    private sealed record Claims(string Iss, string Sub, string Role, long Iat, long Exp);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Issue(string wallet, DateTimeOffset now, TimeSpan lifetime, byte[] key)
    {
        var claims = new Claims(Issuer, wallet, "creator", now.ToUnixTimeSeconds(), (now + lifetime).ToUnixTimeSeconds());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims, Json));
        var signed = $"{Header}.{payload}";
        return $"{signed}.{Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)))}";
    }

    /// <summary>The wallet and expiry of a genuine, unexpired token; null for anything else.</summary>
    public static (string Wallet, DateTimeOffset ExpiresAt)? Verify(string token, DateTimeOffset now, byte[] key)
    {
        if (token.Length > 2048) return null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header) return null;

        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (!TryFromBase64Url(parts[2], out var signature) || !CryptographicOperations.FixedTimeEquals(expected, signature)) return null;
        if (!TryFromBase64Url(parts[1], out var payload)) return null;

        Claims? claims;
        try { claims = JsonSerializer.Deserialize<Claims>(payload, Json); }
        catch (JsonException) { return null; }
        if (claims is not { Iss: Issuer, Role: "creator" } || claims.Sub is null) return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.Exp);
        return expires > now ? (claims.Sub, expires) : null;
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
