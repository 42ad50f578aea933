using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Modules;
using Microsoft.AspNetCore.Authorization;
using MicroEvents.Venues;

namespace MicroEvents.Gateway.Venues;

/// <summary>Venue nodes over HTTP: registration, signed node requests (their scheme, policy and OpenAPI scheme: <see cref="NodeAccess"/>), priming, vouchers.</summary>
public sealed class VenuesModule : IGatewayModule
{
    public IEnumerable<KeyValuePair<string, int>> Problems => VenueRejectionCodes.Statuses.Concat(NodeSignatureProblems.Statuses);
    public IEnumerable<Type> CodeTables => [typeof(VenueRejectionCodes), typeof(NodeSignatureProblems)];

    public void AddServices(WebApplicationBuilder builder) => builder.AddVenueNodes();

    public void AddPolicies(AuthorizationOptions options) => NodeAccess.AddPolicy(options);

    public IEnumerable<RoleSecurityScheme> SecuritySchemes => [NodeAccess.SecurityScheme];

    public void Map(IEndpointRouteBuilder app) => app.MapVenues();
}
