using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Receipts;

/// <summary>Signed receipts over HTTP.</summary>
public sealed class ReceiptsModule : IGatewayModule
{
    public void Map(IEndpointRouteBuilder app) => app.MapReceipts();
}
