namespace MicroEvents.Access;

/// <summary>
/// EIP-4361's checks of a sign-in message against this API's <see cref="SiweAudience"/> and the clock: the
/// domain is exactly ours, the URI points into our origin (same scheme, host and port), the chain is ours,
/// Issued At is recent, Expiration Time has not passed and Not Before has. Pure, so the reference library's
/// vectors pin it (tests/UnitTests/Signatures/Vectors/auth-siwe.json).
/// </summary>
public static class SiweRules
{
    /// <summary>How old an Issued At may be: a message lives no longer than its nonce.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    /// <summary>How far ahead of our clock a wallet's clock may be.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static SiweVerdict Check(SiweMessage message, SiweAudience audience, DateTimeOffset now)
    {
        if (!string.Equals(message.Domain, audience.Domain, StringComparison.OrdinalIgnoreCase)) return SiweVerdict.WrongDomain;
        if (!PointsInto(message.Uri, audience.Uri)) return SiweVerdict.WrongUri;
        if (message.ChainId != audience.ChainId) return SiweVerdict.WrongChain;
        if (message.IssuedAt > now + ClockSkew || message.IssuedAt < now - MaxAge) return SiweVerdict.NotRecent;
        if (message.ExpirationTime is { } expires && expires <= now) return SiweVerdict.Expired;
        if (message.NotBefore is { } notBefore && notBefore > now + ClockSkew) return SiweVerdict.NotYetValid;
        return SiweVerdict.Accepted;
    }

    public static string Explain(SiweVerdict verdict, SiweAudience audience) => verdict switch
    {
        SiweVerdict.WrongDomain => $"The message is for another domain; sign in for '{audience.Domain}'.",
        SiweVerdict.WrongUri => $"The message's URI is not on this API; it must start with '{audience.Uri}'.",
        SiweVerdict.WrongChain => $"The message's Chain ID is not this API's ({audience.ChainId}).",
        SiweVerdict.NotRecent => "The message's Issued At is not recent.",
        SiweVerdict.Expired => "The message has expired.",
        SiweVerdict.NotYetValid => "The message is not valid yet (Not Before).",
        _ => "",
    };

    // Same scheme, host and port (userinfo and look-alike hosts differ in Host), and a path under ours.
    private static bool PointsInto(string uri, string origin) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var signed) && Uri.TryCreate(origin, UriKind.Absolute, out var ours)
        && string.Equals(signed.Scheme, ours.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(signed.IdnHost, ours.IdnHost, StringComparison.OrdinalIgnoreCase)
        && signed.Port == ours.Port && signed.UserInfo.Length == 0
        && UnderPath(signed.AbsolutePath, ours.AbsolutePath.TrimEnd('/'));

    private static bool UnderPath(string path, string root) =>
        root.Length == 0 || path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
}
