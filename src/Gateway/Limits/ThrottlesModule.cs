using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Limits;

/// <summary>A drop's claim throttles over HTTP (the rate limiter itself is the gateway's, <c>AddLimits</c>).</summary>
public sealed class ThrottlesModule : IGatewayModule
{
    public void Map(IEndpointRouteBuilder app) => app.MapThrottles();
}
