using MicroEvents.Fulfilment;
using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Fulfilment;

/// <summary>Merch mappings, fulfilment orders, the partner's callbacks and the funnel over HTTP.</summary>
public sealed class FulfilmentModule : IGatewayModule
{
    public IEnumerable<KeyValuePair<string, int>> Problems => FulfilmentRejectionCodes.Statuses;
    public IEnumerable<Type> CodeTables => [typeof(FulfilmentRejectionCodes)];

    public void Map(IEndpointRouteBuilder app) => app.MapMerch().MapOrders().MapPartnerCallbacks().MapFulfilmentStats();
}
