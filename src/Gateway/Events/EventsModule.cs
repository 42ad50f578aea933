using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Events;

/// <summary>The analysts' event export over HTTP.</summary>
public sealed class EventsModule : IGatewayModule
{
    public void Map(IEndpointRouteBuilder app) => app.MapEvents();
}
