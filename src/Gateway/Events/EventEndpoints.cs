using MicroEvents.Gateway.Auth;
using MicroEvents.Events;
using MicroEvents.Replay;

namespace MicroEvents.Gateway.Events;

/// <summary>
/// <c>GET /events</c>: every actor's stored events as NDJSON, streamed page by page in global
/// sequence order, so the gateway holds one page however long the export.
/// </summary>
public static class EventEndpoints
{
    /// <summary>Events per grain call: large enough to amortise the call, small enough to stay a modest message.</summary>
    public const int PageSize = 2_000;

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events", async (HttpContext http, IGrainFactory grains,
                string? stream, string? kind, string? alias, string? from, string? to, long? after, long? through, long? limit, bool? chain) =>
            {
                var (filter, max) = EventQuery.Parse(stream, kind, alias, from, to, after, through, limit);
                var log = grains.GetGrain<IEventLogGrain>(0);
                var ct = http.RequestAborted;
                // The first page is read before the status line, so a failure to start is still a problem+json answer.
                var page = await log.Read(filter, Size(max, 0));
                http.Response.ContentType = EventLine.MediaType;
                // chain=true: the export verb's file, byte for byte (the same writer), so `replay` can prove it whole.
                var export = chain == true ? new ExportWriter(http.Response.BodyWriter) : null;
                long written = 0;
                try
                {
                    while (true)
                    {
                        foreach (var e in page)
                            if (export is null) EventLine.Write(http.Response.BodyWriter, e);
                            else export.Write(e);
                        written += page.Count;
                        await http.Response.BodyWriter.FlushAsync(ct);
                        if (page.Count < Size(max, written - page.Count) || written == max) break;
                        page = await log.Read(filter with { After = page[^1].Sequence }, Size(max, written));
                    }
                    // Only a finished export gets its trailer: a cut one is then seen as cut.
                    if (export is not null)
                    {
                        export.Complete(filter.After);
                        await http.Response.BodyWriter.FlushAsync(ct);
                    }
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // Past the status line a failure can only cut the stream: the client sees it end without a
                    // clean finish and resumes with after= the last sequence it received.
                    http.Abort();
                }
                return Results.Empty;
            })
            .WithTags("Analysts")
            .WithName("ExportEvents").WithSummary("Every actor's stored events as NDJSON, one per line, in global sequence order; resume with after=<last sequence>")
            .WithDescription("Filters (all optional, all must hold): stream (e.g. drop/summer-jam), kind (e.g. drop), alias " +
                "(e.g. drop.token_minted.v1), from/to (ISO 8601; from inclusive, to exclusive), after (exclusive) and through " +
                "(inclusive) global sequence, limit (most events). Each line: {stream, kind, version, sequence, timestamp, alias, correlationId, data}. " +
                "chain=true: each line also ends with its \"hash\" (SHA-256 chain) and the body ends with a trailer line " +
                "{trailer, events, lastSequence, digest}, the export verb's format, which `replay` checks; without it the lines are as before.")
            .Produces<string>(StatusCodes.Status200OK, EventLine.MediaType)
            .ProducesProblem(400).ProducesProblem(503)
            .RequireAnalyst();
        return app;
    }

    private static int Size(long? max, long written) =>
        max is { } m ? (int)Math.Min(PageSize, m - written) : PageSize;
}
