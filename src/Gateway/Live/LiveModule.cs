using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Live;

/// <summary>A drop's live feed (SSE) and page.</summary>
public sealed class LiveModule : IGatewayModule
{
    public void AddServices(WebApplicationBuilder builder) => builder.AddLiveFeeds();

    public void Map(IEndpointRouteBuilder app) => app.MapLive();
}
