using MicroEvents.Feeds;
using MicroEvents.Gateway.Auth;
using MicroEvents.Rejections;
using MicroEvents.Text;

namespace MicroEvents.Gateway.Feeds;

public static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds", async (IGrainFactory grains) =>
            {
                var names = await grains.GetGrain<IFeedDirectoryGrain>(0).Names();
                return (await Task.WhenAll(names.Select(name => grains.GetGrain<IFeedGrain>(name).GetStatus()))).Select(View).ToList();
            })
            .WithTags("Operations")
            .WithName("GetFeeds").WithSummary("Every feed the cluster runs, by name: checkpoint, lag, delivered count and failure of each")
            .Produces<IReadOnlyList<FeedView>>()
            .RequireOperator();

        app.MapGet("/feeds/{name}", async (string name, IGrainFactory grains) =>
            {
                // Orleans refuses a blank key with an ArgumentException: a blank name is simply no feed.
                if (string.IsNullOrWhiteSpace(name) || !ClientText.IsValid(name, ClientText.MaxIdLength)) throw new Rejected(RejectionCodes.FeedNotFound, "No such feed.");
                return View(await grains.GetGrain<IFeedGrain>(name).GetStatus());
            })
            .WithTags("Operations")
            .WithName("GetFeed").WithSummary("A feed (a durable subscription driving fulfilment, settlement, sealing…): its checkpoint, how far behind it is, and why it is failing if it is")
            .Produces<FeedView>().ProducesProblem(404)
            .RequireOperator();
        return app;
    }

    private static FeedView View(FeedStatus status) =>
        new(status.Name, status.Checkpoint, status.HighWater, Math.Max(0, status.HighWater - status.Checkpoint), status.Delivered, status.FailingSince, status.LastError, status.Running);
}

/// <summary>
/// A feed's position: <c>Lag</c> is how many sequence numbers it has yet to read up to the safe high-water mark.
/// <c>Running</c> is false for a feed the cluster ran before that no running silo registers now (its feature is off).
/// </summary>
public sealed record FeedView(string Name, long Checkpoint, long HighWater, long Lag, long Delivered, DateTimeOffset? FailingSince, string? LastError, bool Running);
