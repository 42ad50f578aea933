using System.Security.Cryptography;
using System.Text;

namespace MicroEvents.Access;

/// <summary>
/// API keys: 256 random bits behind a recognisable prefix. Only the SHA-256 is stored; with that much
/// entropy a plain hash is as good as a slow one, and it lets a lookup be one indexed read.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "mev_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool LooksLikeKey(string value) => value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length is > 10 and <= 100;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The key's public id: the start of its hash, safe to print, log and pass to <c>keys revoke</c>.</summary>
    public static string IdOf(string hash) => hash[..12];
}
