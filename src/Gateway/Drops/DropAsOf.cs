using System.Globalization;
using MicroEvents.Drops;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;

namespace MicroEvents.Gateway.Drops;

/// <summary><c>asOf</c> is a stream version (digits) or an ISO 8601 instant; anything else is a 400.</summary>
public static class DropAsOf
{
    public static AsOf Parse(string value)
    {
        if (value.Length > 0 && value.All(char.IsAsciiDigit))
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1
                ? new AsOf(version, null)
                : throw Invalid("a version must be 1 or more");
        return IsoInstant.TryParse(value, out var at)
            ? new AsOf(null, at)
            : throw Invalid("must be a version (1, 2, …) or an ISO 8601 timestamp, e.g. 2026-11-25T14:00:00Z");
    }

    /// <summary>A point after the stream's end is not a point in its history: 400, never the current state passed off as the past.</summary>
    /// Events carry storage's wall-clock time, so the future is the wall clock's too.
    public static DropSummary Within(AsOf asOf, DropSummary past) =>
        asOf.Version > past.Version ? throw Invalid($"is beyond the drop's stream, which has {past.Version} events")
        : asOf.At > TimeProvider.System.GetUtcNow() ? throw Invalid("is in the future")
        : past;

    public static Rejected Invalid(string problem) =>
        new(RejectionCodes.ValidationFailed, "The asOf parameter is invalid.", new Dictionary<string, string[]> { ["asOf"] = [problem] });
}
