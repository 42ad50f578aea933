using System.Globalization;
using MicroEvents.Drops;
using MicroEvents.Gateway.Auth;
using MicroEvents.Live;
using MicroEvents.Rejections;
using MicroEvents.Text;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Live;

/// <summary>
/// A drop's live feed (Server-Sent Events) and the page that shows it. Public for every drop, like the
/// drop's summary: the feed carries the same counts and never a wallet or a claim id.
/// </summary>
public static class LiveEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static WebApplicationBuilder AddLiveFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<LiveFeedOptions>(builder.Configuration.GetSection("Gateway:Live"));
        builder.Services.AddSingleton<LiveFeeds>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        var drops = app.MapGroup("/drops").WithTags("Live");

        drops.MapGet("/{id}/live", (string id, [FromHeader(Name = LastEventIdHeader)] string? lastEventId, HttpContext http,
                LiveFeeds feeds, IGrainFactory grains, IHostApplicationLifetime lifetime) =>
                Stream(http, DropId.Existing(id), LastEventId(lastEventId), feeds, grains, lifetime.ApplicationStopping))
            .WithName("GetLiveFeed").WithSummary("The drop's live feed (Server-Sent Events): progress (minted, remaining, claims/s, last token), status changes; " +
                "each id is the drop stream's version, so reconnecting with Last-Event-ID resumes without gaps")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(503)
            .AllowPublic();

        drops.MapGet("/{id}/live.html", async (string id, HttpContext http, IGrainFactory grains) =>
            {
                await grains.GetGrain<IDropGrain>(DropId.Existing(id)).GetSummary(); // 404 for a drop that does not exist
                http.Response.Headers.ContentSecurityPolicy =
                    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:";
                return Results.Content(LivePage.Html, "text/html; charset=utf-8");
            })
            .WithName("GetLivePage").WithSummary("A page showing the drop's live counters and a claims-per-second chart (plain HTML and JavaScript)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesProblem(404)
            .AllowPublic();
        return app;
    }

    private static async Task<IResult> Stream(HttpContext http, string dropId, long? after, LiveFeeds feeds, IGrainFactory grains, CancellationToken stopping)
    {
        if (!feeds.TryOpenStream())
            throw new Rejected(RejectionCodes.Unavailable, "This gateway serves as many live streams as it may; retry shortly or use another gateway.");
        try
        {
            var feed = await feeds.Acquire(dropId);
            var client = new LiveClient(feeds.Options.ClientBuffer);
            try
            {
                var current = feed.Add(client);
                var latest = current.Message.Version;
                // A client past the stream's end (or resuming from another drop's ids) starts afresh.
                IReadOnlyList<LiveMessage> catchUp = after is { } a && a < latest
                    ? await grains.GetGrain<ILiveHistoryGrain>(dropId).Between(a, latest)
                    : after == latest ? [] : [current.Message with { Kind = LiveKind.Progress }];
                // A closed drop that the client has seen closing has nothing more to say: 204 tells EventSource to stop.
                if (catchUp.Count == 0 && current.Message.Status == DropStatus.Closed) return Results.NoContent();

                using var aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
                await Write(http, catchUp, client, latest, feeds, aborted.Token);
                return Results.Empty;
            }
            finally
            {
                feed.Remove(client);
                feeds.Release(feed);
            }
        }
        finally
        {
            feeds.CloseStream();
        }
    }

    private static async Task Write(HttpContext http, IReadOnlyList<LiveMessage> catchUp, LiveClient client, long position,
        LiveFeeds feeds, CancellationToken ct)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each message on at once
        var json = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var heartbeat = TimeSpan.FromSeconds(Math.Max(1, feeds.Options.HeartbeatSeconds));
        try
        {
            await response.Body.WriteAsync(LiveFrame.Retry, ct);
            foreach (var message in catchUp)
            {
                await response.Body.WriteAsync(LiveFrame.Of(message, json).Bytes, ct);
                position = Math.Max(position, message.Version);
                if (message.Status == DropStatus.Closed) return;
            }
            await response.Body.FlushAsync(ct);

            var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
            try
            {
                while (true)
                {
                    // One timer per stream, pushed back after every message, rather than one per wait.
                    idle.CancelAfter(heartbeat);
                    bool more;
                    try
                    {
                        more = await client.Frames.WaitToReadAsync(idle.Token);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        await response.Body.WriteAsync(LiveFrame.Heartbeat, ct);
                        await response.Body.FlushAsync(ct);
                        idle.Dispose();
                        idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                        continue;
                    }
                    if (!more) return; // dropped for falling behind: the client resumes with Last-Event-ID
                    while (client.Frames.TryRead(out var frame))
                    {
                        if (!frame.NewAfter(position)) continue;
                        await response.Body.WriteAsync(frame.Bytes, ct);
                        if (frame.Message.Kind == LiveKind.Rate) continue;
                        position = frame.Message.Version;
                        if (frame.Message.Status == DropStatus.Closed)
                        {
                            await response.Body.FlushAsync(ct);
                            return;
                        }
                    }
                    await response.Body.FlushAsync(ct);
                }
            }
            finally
            {
                idle.Dispose();
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The client went away, or this process is stopping: EventSource reconnects elsewhere.
        }
    }

    private static long? LastEventId(string? header)
    {
        if (header is null) return null;
        if (ClientText.Problem(header, ClientText.MaxIdLength) is null
            && long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return version;
        throw new Rejected(RejectionCodes.ValidationFailed, $"The {LastEventIdHeader} header is invalid.",
            new Dictionary<string, string[]> { [LastEventIdHeader] = ["must be an id this feed sent: a stream version (digits)"] });
    }
}
