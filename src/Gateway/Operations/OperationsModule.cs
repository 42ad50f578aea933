using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Operations;

/// <summary>The operators' view of the cluster.</summary>
public sealed class OperationsModule : IGatewayModule
{
    public void Map(IEndpointRouteBuilder app) => app.MapClusterView();
}
