using Microsoft.AspNetCore.Authorization;

namespace MicroEvents.Gateway.Auth;

/// <summary>The named authorization policies behind <see cref="Roles"/>.</summary>
public static class Policies
{
    public const string Operator = "operator";
    public const string Analyst = "analyst";
    public const string Creator = "creator";
    public const string Node = "node";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Operator, p => p.AddAuthenticationSchemes(Credentials.SchemeName).RequireRole(Roles.Operator));
        options.AddPolicy(Analyst, p => p.AddAuthenticationSchemes(Credentials.SchemeName).RequireRole(Roles.Operator, Roles.Analyst));
        options.AddPolicy(Creator, p => p.AddAuthenticationSchemes(Credentials.SchemeName).RequireRole(Roles.Operator, Roles.Creator));
        // Both schemes, so an operator's key on a node route is 403 (wrong role) rather than 401.
        options.AddPolicy(Node, p => p.AddAuthenticationSchemes(Credentials.SchemeName, Venues.NodeSignatures.SchemeName).RequireRole(Roles.Node));
        // No fallback policy: the framework's own 404/405/415 answers have no metadata and must stay what they are.
        // Forgetting a declaration is caught at start-up instead (EndpointAccessCheck).
    }
}
