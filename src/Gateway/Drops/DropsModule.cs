using MicroEvents.Drops;
using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Drops;

/// <summary>Drops over HTTP: contingency manifests, the timeline and leaderboard read models (most codes are the shared <c>RejectionCodes</c>, mapped by <c>ProblemTypes</c>).</summary>
public sealed class DropsModule : IGatewayModule
{
    public IEnumerable<KeyValuePair<string, int>> Problems => ContingencyRejectionCodes.Statuses;
    public IEnumerable<Type> CodeTables => [typeof(ContingencyRejectionCodes)];

    public void AddServices(WebApplicationBuilder builder) => builder.Services.AddSingleton<DropReferences>();

    public void Map(IEndpointRouteBuilder app) => app.MapDrops().MapContingency().MapDropStats();
}
