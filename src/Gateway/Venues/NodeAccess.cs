using MicroEvents.Gateway.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace MicroEvents.Gateway.Venues;

/// <summary>
/// Venue nodes as callers of the gateway: their role, the policy behind <see cref="RequireNode"/> (contributed by
/// <see cref="VenuesModule"/>), and the OpenAPI security scheme their operations name. The authentication itself is
/// <see cref="NodeSignatures"/>.
/// </summary>
public static class NodeAccess
{
    /// <summary>A venue node, authenticated by its own key's signature on each request.</summary>
    public const string Role = "node";

    public const string Policy = "node";

    public const string OpenApiScheme = "nodeSignature";

    /// <summary>
    /// Only the venue node named by the route value <c>id</c>, signing the request with its active key
    /// (<see cref="NodeSignatures"/>); anyone else is refused, operators included.
    /// </summary>
    public static TBuilder RequireNode<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.Require(Policy, new EndpointAccess([Role]));

    // Both schemes, so an operator's key on a node route is 403 (wrong role) rather than 401.
    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Credentials.SchemeName, NodeSignatures.SchemeName).RequireRole(Role));

    public static RoleSecurityScheme SecurityScheme { get; } = new(OpenApiScheme, Role, () => new OpenApiSecurityScheme
    {
        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = Signatures.Venues.NodeMessages.SignatureHeader,
        Description = "A venue node's EIP-191 signature of the request (node, method, path, X-Node-Timestamp, body SHA-256) by its active key.",
    });
}
