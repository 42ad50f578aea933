using System.Globalization;

namespace MicroEvents.Access;

/// <summary>
/// The EIP-4361 (Sign-In with Ethereum) message a wallet signs, parsed strictly: the header line, the
/// address, an optional statement, then the fields in the order the standard gives them.
/// </summary>
public sealed record SiweMessage(
    string Domain, string Address, string? Statement, string Uri, string Version, long ChainId, string Nonce,
    DateTimeOffset IssuedAt, DateTimeOffset? ExpirationTime, DateTimeOffset? NotBefore)
{
    public const int MaxLength = 4096;
    private const string HeaderSuffix = " wants you to sign in with your Ethereum account:";

    private static readonly string[] FieldOrder =
        ["URI", "Version", "Chain ID", "Nonce", "Issued At", "Expiration Time", "Not Before", "Request ID", "Resources"];

    public static bool TryParse(string? text, out SiweMessage message, out string problem)
    {
        message = null!;
        problem = "";
        if (text is null || text.Length > MaxLength) return Fail("the message is missing or longer than 4096 characters", out problem);
        if (text.Any(c => char.IsControl(c) && c != '\n')) return Fail("the message holds control characters", out problem);

        var lines = text.Split('\n');
        if (lines.Length < 8 || !lines[0].EndsWith(HeaderSuffix, StringComparison.Ordinal))
            return Fail("the first line is not an EIP-4361 sign-in request", out problem);
        var domain = lines[0][..^HeaderSuffix.Length];
        var address = lines[1];
        if (domain.Length == 0 || address is not { Length: 42 } || !address.StartsWith("0x", StringComparison.Ordinal) || lines[2] != "")
            return Fail("the domain or address line is malformed", out problem);

        var next = 3;
        string? statement = null;
        // The standard puts two blank lines where the statement is absent; some wallets' libraries write one.
        if (!lines[next].StartsWith("URI: ", StringComparison.Ordinal))
        {
            if (lines[next] != "")
            {
                statement = lines[next++];
                if (lines.Length <= next || lines[next] != "") return Fail("the statement must be one line followed by a blank line", out problem);
            }
            next++;
        }

        var fields = new Dictionary<string, string>();
        var order = 0;
        for (; next < lines.Length; next++)
        {
            var line = lines[next];
            if (line.StartsWith("- ", StringComparison.Ordinal) && fields.ContainsKey("Resources")) continue;
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            var key = colon > 0 ? line[..colon] : line.TrimEnd(':');
            var position = Array.IndexOf(FieldOrder, key);
            if (position < order || fields.ContainsKey(key)) return Fail($"unexpected line '{Shorten(line)}'", out problem);
            order = position;
            fields[key] = colon > 0 ? line[(colon + 2)..] : "";
        }

        if (!fields.TryGetValue("URI", out var uri) || uri.Length == 0) return Fail("URI is required", out problem);
        if (!fields.TryGetValue("Version", out var version) || version != "1") return Fail("Version must be 1", out problem);
        if (!fields.TryGetValue("Chain ID", out var chain) || !long.TryParse(chain, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId) || chainId < 1)
            return Fail("Chain ID must be a positive integer", out problem);
        if (!fields.TryGetValue("Nonce", out var nonce) || nonce.Length < 8 || !nonce.All(char.IsAsciiLetterOrDigit))
            return Fail("Nonce must be at least 8 letters or digits", out problem);
        if (!TryTime(fields, "Issued At", out var issuedAt) || issuedAt is null) return Fail("Issued At must be an RFC 3339 time", out problem);
        if (!TryTime(fields, "Expiration Time", out var expires)) return Fail("Expiration Time must be an RFC 3339 time", out problem);
        if (!TryTime(fields, "Not Before", out var notBefore)) return Fail("Not Before must be an RFC 3339 time", out problem);

        message = new SiweMessage(domain, address, statement, uri, version, chainId, nonce, issuedAt.Value, expires, notBefore);
        return true;
    }

    private static bool TryTime(Dictionary<string, string> fields, string key, out DateTimeOffset? time)
    {
        time = null;
        if (!fields.TryGetValue(key, out var text)) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        time = parsed;
        return true;
    }

    private static bool Fail(string reason, out string problem)
    {
        problem = reason;
        return false;
    }

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "…";
}
