namespace MicroEvents.Gateway.Telemetry;

/// <summary>
/// Every log line written while a request runs carries the drop and claim it is about as properties
/// (<c>DropId</c>, <c>ClaimId</c>), so one drop's or one claim's lines can be found in any log store.
/// </summary>
public static class RequestLogScope
{
    public static WebApplication UseRequestLogScope(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MicroEvents.Gateway");
        app.Use(async (http, next) =>
        {
            var values = http.Request.RouteValues;
            if (!values.TryGetValue("id", out var drop))
            {
                await next(http);
                return;
            }
            values.TryGetValue("claimId", out var claim);
            using (log.BeginScope(new Ids(drop as string, claim as string))) await next(http);
        });
        return app;
    }

    private sealed class Ids(string? drop, string? claim) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _items = claim is null
            ? [new("DropId", drop)]
            : [new("DropId", drop), new("ClaimId", claim)];

        public KeyValuePair<string, object?> this[int index] => _items[index];
        public int Count => _items.Length;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => claim is null ? $"drop {drop}" : $"drop {drop} claim {claim}";
    }
}
