using MicroEvents.Gateway.Auth;
using MicroEvents.Modules;
using Microsoft.AspNetCore.Authorization;

namespace MicroEvents.Gateway.Modules;

/// <summary>
/// A feature's gateway half, found by <see cref="GatewayModules"/>: its problem codes with their statuses, its
/// services and its endpoints (each declaring who may call it, see <c>Roles</c>). The gateway's host, the
/// problem map and the OpenAPI document loop over these; a new feature adds one in its own folder.
/// </summary>
public interface IGatewayModule : IFeatureModule
{
    /// <summary>The feature's problem codes (its <c>…RejectionCodes</c> tables) with their HTTP statuses.</summary>
    IEnumerable<KeyValuePair<string, int>> Problems => [];

    /// <summary>The static tables whose string constants are the codes of <see cref="Problems"/>; a test checks each has a status.</summary>
    IEnumerable<Type> CodeTables => [];

    void AddServices(WebApplicationBuilder builder) { }

    /// <summary>Authorization policies for callers of the feature's own (venue nodes), used by its own <c>Require…</c> declaration.</summary>
    void AddPolicies(AuthorizationOptions options) { }

    /// <summary>OpenAPI security schemes for those callers; an operation open to the scheme's role names only that scheme.</summary>
    IEnumerable<RoleSecurityScheme> SecuritySchemes => [];

    /// <summary>The feature's endpoints, each with exactly one role declaration.</summary>
    void Map(IEndpointRouteBuilder app);
}

/// <summary>Endpoint metadata: which feature module mapped the endpoint (the role tests group by it).</summary>
public sealed record FeatureEndpoint(string Module);
