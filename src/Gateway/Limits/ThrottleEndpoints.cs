using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Drops;
using MicroEvents.Rejections;
using MicroEvents.Throttles;

namespace MicroEvents.Gateway.Limits;

public static class ThrottleEndpoints
{
    public static IEndpointRouteBuilder MapThrottles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/drops/{id}/throttles", async (string id, IGrainFactory grains, long fromVersion = 1, int limit = 100) =>
            {
                var drop = DropId.Existing(id);
                if (fromVersion < 1 || limit is < 1 or > DropEndpoints.MaxEventPage)
                    throw new Rejected(RejectionCodes.ValidationFailed, "Invalid paging.", new Dictionary<string, string[]>
                    {
                        ["fromVersion"] = ["must be at least 1"],
                        ["limit"] = [$"must be between 1 and {DropEndpoints.MaxEventPage}"],
                    });
                await grains.GetGrain<IDropGrain>(drop).GetSummary(); // 404 for an unknown drop
                var events = await grains.GetGrain<IClaimThrottleGrain>(drop).GetEvents(fromVersion, limit);
                return events.Select(e => new EventView(e.Version, e.Type, e.Timestamp, e.CorrelationId,
                    JsonDocument.Parse(e.DataJson).RootElement.Clone()));
            })
            .WithTags("Drops")
            .WithName("GetThrottles").WithSummary("Bot-throttle refusals on the drop (stream throttle/{id}): client address and counts")
            .Produces<IEnumerable<EventView>>().ProducesProblem(400).ProducesProblem(404)
            .RequireDropReader();
        return app;
    }
}
