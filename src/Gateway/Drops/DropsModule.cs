using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Drops;

/// <summary>Drops over HTTP (their codes are the shared <c>RejectionCodes</c>, mapped by <c>ProblemTypes</c>).</summary>
public sealed class DropsModule : IGatewayModule
{
    public void Map(IEndpointRouteBuilder app) => app.MapDrops();
}
