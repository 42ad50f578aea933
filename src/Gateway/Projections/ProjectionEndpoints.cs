using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Drops;
using MicroEvents.Projections;

namespace MicroEvents.Gateway.Projections;

/// <summary>
/// Read models kept by Marten's async daemon: a drop's timeline and fulfilment funnel, the creator
/// leaderboard, how far each projection has read, and a rebuild for operators. Each answer says which global
/// sequence it reflects. A feature may map its own projection's endpoints in its module (venue stats: VenueStatsEndpoints).
/// </summary>
public static class ProjectionEndpoints
{
    public const int DefaultLeaderboard = 20;

    public static IEndpointRouteBuilder MapProjections(this IEndpointRouteBuilder app)
    {
        app.MapGet("/drops/{id}/timeline", async (string id, IGrainFactory grains) =>
            {
                await ExistingDrop.Ensure(grains, id);
                return await Reader(grains).Timeline(id);
            })
            .WithTags("Analysts")
            .WithName("GetDropTimeline").WithSummary("Claims per minute and per tier, and refusals by reason, from the drop-timeline projection")
            .Produces<DropTimeline>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503)
            .RequireDropReader();

        app.MapGet("/creators/leaderboard", (int? limit, IGrainFactory grains) => Reader(grains).Leaderboard(limit ?? DefaultLeaderboard))
            .WithTags("Analysts")
            .WithName("GetCreatorLeaderboard").WithSummary("Creators by distinct wallets that claimed from any of their drops (limit 1…1000, default 20)")
            .Produces<CreatorLeaderboard>().ProducesProblem(400).ProducesProblem(503)
            .RequireAnalyst();

        app.MapGet("/drops/{id}/fulfilment/funnel", async (string id, IGrainFactory grains) =>
            {
                await ExistingDrop.Ensure(grains, id);
                return await Reader(grains).Funnel(id);
            })
            .WithTags("Analysts")
            .WithName("GetFulfilmentFunnel").WithSummary("A drop's fulfilment orders per stage (merch minted, ordered, details given, sent, accepted, shipped, delivered; cancelled, dead-lettered, returned) and the conversion between stages, from the fulfilment-funnel projection")
            .Produces<FulfilmentFunnel>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503)
            .RequireDropReader();

        app.MapGet("/projections", (IGrainFactory grains) => Reader(grains).Status())
            .WithTags("Analysts")
            .WithName("GetProjections").WithSummary("Each projection's position in the global event sequence, and the highest stored sequence")
            .Produces<IReadOnlyList<ProjectionStatus>>().ProducesProblem(503)
            .RequireAnalyst();

        app.MapPost("/projections/{name}/rebuild", (string name, IGrainFactory grains) => grains.GetGrain<IProjectionDaemonGrain>(0).Rebuild(name))
            .WithTags("Operators")
            .WithName("RebuildProjection").WithSummary("Empty a projection and replay every stored event into it; answers when it has caught up")
            .Produces<ProjectionRebuilt>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(503)
            .RequireOperator();
        return app;
    }

    private static IProjectionReaderGrain Reader(IGrainFactory grains) => grains.GetGrain<IProjectionReaderGrain>(0);
}
