using MicroEvents.Gateway.Auth;
using MicroEvents.Venues;

namespace MicroEvents.Gateway.Venues;

/// <summary>Node and venue statistics from the venue-nodes projection; each answer says which global sequence it reflects.</summary>
public static class VenueStatsEndpoints
{
    public static IEndpointRouteBuilder MapVenueStats(this IEndpointRouteBuilder app)
    {
        app.MapGet("/nodes/{id}/stats", (string id, IGrainFactory grains) => Stats(grains).NodeStats(id))
            .WithTags("Analysts")
            .WithName("GetNodeStats").WithSummary("A venue node's heartbeats, round-trip times, status changes, key rotations and revocations, vouchers by outcome and reason, and quota per drop, from the venue-nodes projection")
            .Produces<NodeStats>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503)
            .RequireAnalyst();

        app.MapGet("/venues/{venue}/stats", (string venue, IGrainFactory grains) => Stats(grains).VenueStats(venue))
            .WithTags("Analysts")
            .WithName("GetVenueStats").WithSummary("A venue's nodes by status and summed (heartbeats, mean round-trip time, vouchers, quota), and each node's stats, from the venue-nodes projection")
            .Produces<VenueStats>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503)
            .RequireAnalyst();
        return app;
    }

    private static IVenueStatsGrain Stats(IGrainFactory grains) => grains.GetGrain<IVenueStatsGrain>(0);
}
