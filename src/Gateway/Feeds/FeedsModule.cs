using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Feeds;

/// <summary>Feed positions over HTTP.</summary>
public sealed class FeedsModule : IGatewayModule
{
    public void Map(IEndpointRouteBuilder app) => app.MapFeeds();
}
