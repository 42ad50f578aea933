using System.Globalization;

namespace MicroEvents.Gateway.Problems;

/// <summary>
/// An instant as ISO 8601 and nothing else (<c>2026-11-25T14:00:00Z</c>, with an offset or fraction, or a date).
/// The culture-aware parser took "1.5" and "March 3" for dates and answered as if they meant something.
/// </summary>
public static class IsoInstant
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    ];

    public const string Rule = "must be an ISO 8601 timestamp, e.g. 2026-11-25T14:00:00Z";

    public static bool TryParse(string? value, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
}
