using Microsoft.AspNetCore.Authorization;

namespace MicroEvents.Gateway.Auth;

/// <summary>The named authorization policies behind <see cref="Roles"/>.</summary>
public static class Policies
{
    public const string Operator = "operator";
    public const string Analyst = "analyst";
    public const string Creator = "creator";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Operator, p => p.AddAuthenticationSchemes(Credentials.SchemeName).RequireRole(Roles.Operator));
        options.AddPolicy(Analyst, p => p.AddAuthenticationSchemes(Credentials.SchemeName).RequireRole(Roles.Operator, Roles.Analyst));
        options.AddPolicy(Creator, p => p.AddAuthenticationSchemes(Credentials.SchemeName).RequireRole(Roles.Operator, Roles.Creator));
        // No fallback policy: the framework's own 404/405/415 answers have no metadata and must stay what they are.
        // Forgetting a declaration is caught at start-up instead (EndpointAccessCheck).
    }
}
