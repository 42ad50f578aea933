using MicroEvents.Gateway.Auth;
using MicroEvents.Projections;

namespace MicroEvents.Gateway.Projections;

/// <summary>
/// The read models' daemon: how far each projection has read, and a rebuild for operators. Each projection's own
/// answers are mapped by its feature's module (DropStatsEndpoints, FulfilmentStatsEndpoints, VenueStatsEndpoints).
/// </summary>
public static class ProjectionEndpoints
{
    public static IEndpointRouteBuilder MapProjections(this IEndpointRouteBuilder app)
    {
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
