using MicroEvents.Gateway.Modules;
using MicroEvents.Settlement;

namespace MicroEvents.Gateway.Settlement;

/// <summary>On-chain settlement and token metadata over HTTP.</summary>
public sealed class SettlementModule : IGatewayModule
{
    public IEnumerable<KeyValuePair<string, int>> Problems => SettlementRejectionCodes.Statuses;
    public IEnumerable<Type> CodeTables => [typeof(SettlementRejectionCodes)];

    public void AddServices(WebApplicationBuilder builder) => builder.Services.AddSingleton<TokenMetadataMetrics>();

    public void Map(IEndpointRouteBuilder app) => app.MapSettlement();
}
