using MicroEvents.Fulfilment;
using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Drops;
using MicroEvents.Projections;

namespace MicroEvents.Gateway.Fulfilment;

/// <summary>A drop's fulfilment funnel from the fulfilment-funnel projection; the answer says which global sequence it reflects.</summary>
public static class FulfilmentStatsEndpoints
{
    public static IEndpointRouteBuilder MapFulfilmentStats(this IEndpointRouteBuilder app)
    {
        app.MapGet("/drops/{id}/fulfilment/funnel", async (string id, IGrainFactory grains) =>
            {
                await ExistingDrop.Ensure(grains, id);
                return await grains.GetGrain<IFulfilmentStatsGrain>(0).Funnel(id);
            })
            .WithTags("Analysts")
            .WithName("GetFulfilmentFunnel").WithSummary("A drop's fulfilment orders per stage (merch minted, ordered, details given, sent, accepted, shipped, delivered; cancelled, dead-lettered, returned) and the conversion between stages, from the fulfilment-funnel projection")
            .Produces<FulfilmentFunnel>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503)
            .RequireDropReader();
        return app;
    }
}
