using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MicroEvents.Fulfilment;
using MicroEvents.Rejections;

namespace MicroEvents.Gateway.Fulfilment;

/// <summary>
/// Partner callbacks are signed like Stripe's webhooks: <c>X-Partner-Timestamp</c> (Unix seconds) and
/// <c>X-Partner-Signature: v1=</c>hex(HMAC-SHA256(secret, timestamp + "." + body)). A timestamp more than
/// <see cref="Tolerance"/> away from our clock is refused, so a captured callback cannot be replayed later.
/// </summary>
public static class CallbackSignature
{
    public const string TimestampHeader = "X-Partner-Timestamp";
    public const string SignatureHeader = "X-Partner-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static void Verify(string? secret, string? timestamp, string? signature, string body, DateTimeOffset now)
    {
        // No signature at all is a malformed request (400); a signature that does not match is 401.
        if (signature is null || timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            throw new Rejected(RejectionCodes.ValidationFailed, $"A partner callback carries {TimestampHeader} (Unix seconds) and {SignatureHeader}.",
                new Dictionary<string, string[]> { [SignatureHeader] = ["and " + TimestampHeader + " are required"] });
        if (string.IsNullOrEmpty(secret)) throw Bad();
        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature))) throw Bad();
        if (seconds > now.ToUnixTimeSeconds() + (long)Tolerance.TotalSeconds || seconds < now.ToUnixTimeSeconds() - (long)Tolerance.TotalSeconds)
            throw new Rejected(FulfilmentRejectionCodes.StaleCallback, $"The callback's timestamp is more than {Tolerance.TotalMinutes:0} minutes from our clock.");
    }

    private static Rejected Bad() =>
        new(FulfilmentRejectionCodes.BadCallbackSignature, $"The callback needs {TimestampHeader} and a valid {SignatureHeader}.");
}
