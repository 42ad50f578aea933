using MicroEvents.Gateway.Modules;
using MicroEvents.Skus;

namespace MicroEvents.Gateway.Skus;

/// <summary>SKUs and stock over HTTP.</summary>
public sealed class SkusModule : IGatewayModule
{
    public IEnumerable<KeyValuePair<string, int>> Problems => SkuRejectionCodes.Statuses;
    public IEnumerable<Type> CodeTables => [typeof(SkuRejectionCodes)];

    public void Map(IEndpointRouteBuilder app) => app.MapSkus();
}
