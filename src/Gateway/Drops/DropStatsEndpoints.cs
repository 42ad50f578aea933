using MicroEvents.Drops;
using MicroEvents.Gateway.Auth;
using MicroEvents.Projections;

namespace MicroEvents.Gateway.Drops;

/// <summary>A drop's timeline and the creator leaderboard, from the drops' projections; each answer says which global sequence it reflects.</summary>
public static class DropStatsEndpoints
{
    public const int DefaultLeaderboard = 20;

    public static IEndpointRouteBuilder MapDropStats(this IEndpointRouteBuilder app)
    {
        app.MapGet("/drops/{id}/timeline", async (string id, IGrainFactory grains) =>
            {
                await ExistingDrop.Ensure(grains, id);
                return await Stats(grains).Timeline(id);
            })
            .WithTags("Analysts")
            .WithName("GetDropTimeline").WithSummary("Claims per minute and per tier, and refusals by reason, from the drop-timeline projection")
            .Produces<DropTimeline>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503)
            .RequireDropReader();

        app.MapGet("/creators/leaderboard", (int? limit, IGrainFactory grains) => Stats(grains).Leaderboard(limit ?? DefaultLeaderboard))
            .WithTags("Analysts")
            .WithName("GetCreatorLeaderboard").WithSummary("Creators by distinct wallets that claimed from any of their drops (limit 1…1000, default 20)")
            .Produces<CreatorLeaderboard>().ProducesProblem(400).ProducesProblem(503)
            .RequireAnalyst();
        return app;
    }

    private static IDropStatsGrain Stats(IGrainFactory grains) => grains.GetGrain<IDropStatsGrain>(0);
}
