using System.Security.Claims;
using MicroEvents.Rejections;
using Microsoft.AspNetCore.Authorization;

namespace MicroEvents.Gateway.Auth;

/// <summary>
/// Declare who may call each endpoint with exactly one of these (every endpoint needs one; the gateway
/// refuses to start while one has none):
/// <code>
/// group.MapGet("/{id}", …).AllowPublic();
/// group.MapPost("/{id}/open", …).RequireCreatorOfDrop();      // operator, or the drop's creator
/// group.MapGet("/{id}/events", …).RequireDropReader();        // operator, analyst, or the drop's creator
/// group.MapGet("/export", …).RequireAnalyst();                // operator or analyst
/// group.MapPost("/venues", …).RequireOperator();
/// </code>
/// A feature with callers of its own adds its role, policy and declaration beside its endpoints (venue nodes:
/// <c>NodeAccess.RequireNode()</c>), built on <c>Require(policy, access)</c>.
/// </summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Analyst = "analyst";
    public const string Creator = "creator";
    public const string Public = "public";

    /// <summary>The claim holding a signed-in creator's checksummed wallet.</summary>
    public const string WalletClaim = "wallet";

    /// <summary>Anyone, with or without credentials.</summary>
    public static TBuilder AllowPublic<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.AllowAnonymous().WithMetadata(EndpointAccess.Public);

    public static TBuilder RequireOperator<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.Require(Policies.Operator, new EndpointAccess([Operator]));

    /// <summary>Operators and analysts (read-only work: streams, exports, projections).</summary>
    public static TBuilder RequireAnalyst<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.Require(Policies.Analyst, new EndpointAccess([Operator, Analyst]));

    /// <summary>
    /// Operators and any signed-in creator. The handler must still check that what the creator acts on
    /// is theirs (see <see cref="EnsureActsForSelf"/>).
    /// </summary>
    public static TBuilder RequireCreator<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.Require(Policies.Creator, new EndpointAccess([Operator, Creator], CreatorsOwnDropsOnly: true));

    /// <summary>Operators, and the creator of the drop named by the route value <paramref name="dropRouteValue"/>.</summary>
    public static TBuilder RequireCreatorOfDrop<TBuilder>(this TBuilder endpoint, string dropRouteValue = "id") where TBuilder : IEndpointConventionBuilder =>
        endpoint.Require(DropOwnerRequirement.Policy(dropRouteValue, analystsToo: false), new EndpointAccess([Operator, Creator], CreatorsOwnDropsOnly: true));

    /// <summary>Operators, analysts, and the creator of the drop named by <paramref name="dropRouteValue"/>.</summary>
    public static TBuilder RequireDropReader<TBuilder>(this TBuilder endpoint, string dropRouteValue = "id") where TBuilder : IEndpointConventionBuilder =>
        endpoint.Require(DropOwnerRequirement.Policy(dropRouteValue, analystsToo: true), new EndpointAccess([Operator, Analyst, Creator], CreatorsOwnDropsOnly: true));

    /// <summary>
    /// For endpoints open to creators: a creator may only act for their own wallet (operators for anyone).
    /// Throws <c>forbidden</c> otherwise.
    /// </summary>
    public static void EnsureActsForSelf(ClaimsPrincipal user, string? wallet)
    {
        if (user.IsInRole(Operator)) return;
        var own = user.FindFirstValue(WalletClaim);
        if (own is null || !string.Equals(own, wallet, StringComparison.OrdinalIgnoreCase))
            throw new Rejected(RejectionCodes.Forbidden, "A creator may only act for their own wallet.");
    }

    /// <summary>The policy <paramref name="policy"/>, and <paramref name="access"/> for the OpenAPI document and the start-up check.</summary>
    public static TBuilder Require<TBuilder>(this TBuilder endpoint, string policy, EndpointAccess access) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy).WithMetadata(access);

    private static TBuilder Require<TBuilder>(this TBuilder endpoint, AuthorizationPolicy policy, EndpointAccess access) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy).WithMetadata(access);
}
