using System.Globalization;
using System.Text.RegularExpressions;
using MicroEvents.Events;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using MicroEvents.Text;

namespace MicroEvents.Gateway.Events;

/// <summary>The query string of an export, checked field by field: a bad filter is a 400 listing every problem, before anything is read.</summary>
public static partial class EventQuery
{
    public static (EventFilter Filter, long? Limit) Parse(string? stream, string? kind, string? alias,
        string? from, string? to, long? after, long? through, long? limit)
    {
        var checks = new ClientText.Checks();
        checks.Text("stream", stream, ClientText.MaxNameLength);
        checks.Text("alias", alias, ClientText.MaxIdLength);
        if (kind is not null && !Kind().IsMatch(kind)) checks.Fail("kind", "must be a stream kind such as 'drop' (a-z, 0-9, '_', '-'; at most 32)");
        var fromAt = Instant(checks, "from", from);
        var toAt = Instant(checks, "to", to);
        if (after < 0) checks.Fail("after", "must be a global sequence, 0 or more");
        if (through < 1) checks.Fail("through", "must be a global sequence, 1 or more");
        if (limit < 1) checks.Fail("limit", "must be at least 1");
        // An empty range is a mistake in the query, not a question with an empty answer.
        if (fromAt is { } f && toAt is { } t && t <= f) checks.Fail("to", "must be later than from");
        if (after is { } a && through is { } th && th <= a) checks.Fail("through", "must be greater than after");
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The event filter is invalid.", checks.Errors);
        return (new EventFilter
        {
            Stream = stream, Kind = kind, Alias = alias, From = fromAt, To = toAt,
            After = after ?? 0, Through = through,
        }, limit);
    }

    private static DateTimeOffset? Instant(ClientText.Checks checks, string field, string? value)
    {
        if (value is null) return null;
        if (IsoInstant.TryParse(value, out var at)) return at;
        checks.Fail(field, IsoInstant.Rule);
        return null;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")] private static partial Regex Kind();
}
