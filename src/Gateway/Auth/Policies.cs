using MicroEvents.Gateway.Modules;
using Microsoft.AspNetCore.Authorization;

namespace MicroEvents.Gateway.Auth;

/// <summary>
/// The named authorization policies behind <see cref="Roles"/>, and those feature modules add for callers of their own
/// (<see cref="IGatewayModule.AddPolicies"/>: venue nodes).
/// </summary>
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
        foreach (var module in GatewayModules.All) module.AddPolicies(options);
        // No fallback policy: the framework's own 404/405/415 answers have no metadata and must stay what they are.
        // Forgetting a declaration is caught at start-up instead (EndpointAccessCheck).
    }
}
