using MicroEvents.Gateway.Modules;
using MicroEvents.Venues;

namespace MicroEvents.Gateway.Venues;

/// <summary>Venue nodes over HTTP: registration, signed node requests, priming, vouchers.</summary>
public sealed class VenuesModule : IGatewayModule
{
    public IEnumerable<KeyValuePair<string, int>> Problems => VenueRejectionCodes.Statuses.Concat(NodeSignatureProblems.Statuses);
    public IEnumerable<Type> CodeTables => [typeof(VenueRejectionCodes), typeof(NodeSignatureProblems)];

    public void AddServices(WebApplicationBuilder builder) => builder.AddVenueNodes();

    public void Map(IEndpointRouteBuilder app) => app.MapVenues();
}
