using MicroEvents.Gateway.Modules;
using MicroEvents.Projections;

namespace MicroEvents.Gateway.Projections;

/// <summary>Read models and their daemon over HTTP.</summary>
public sealed class ProjectionsModule : IGatewayModule
{
    public IEnumerable<KeyValuePair<string, int>> Problems => ProjectionRejectionCodes.Statuses;
    public IEnumerable<Type> CodeTables => [typeof(ProjectionRejectionCodes)];

    public void Map(IEndpointRouteBuilder app) => app.MapProjections();
}
