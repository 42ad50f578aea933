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
        // An endpoint that declares nobody is for operators: forgetting a declaration never opens a door.
        options.FallbackPolicy = options.GetPolicy(Operator);
    }
}
