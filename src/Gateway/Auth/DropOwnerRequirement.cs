using System.Security.Claims;
using MicroEvents.Drops;
using MicroEvents.Rejections;
using Microsoft.AspNetCore.Authorization;

namespace MicroEvents.Gateway.Auth;

/// <summary>Operators (and analysts, for reads) pass; a creator passes for the drops whose creator is their wallet.</summary>
public sealed record DropOwnerRequirement(string DropRouteValue, bool AnalystsToo) : IAuthorizationRequirement
{
    public static AuthorizationPolicy Policy(string dropRouteValue, bool analystsToo) =>
        new AuthorizationPolicyBuilder(Credentials.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new DropOwnerRequirement(dropRouteValue, analystsToo))
            .Build();
}

public sealed class DropOwnerHandler(IGrainFactory grains) : AuthorizationHandler<DropOwnerRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, DropOwnerRequirement requirement)
    {
        var user = context.User;
        if (user.IsInRole(Roles.Operator) || (requirement.AnalystsToo && user.IsInRole(Roles.Analyst)))
        {
            context.Succeed(requirement);
            return;
        }
        if (!user.IsInRole(Roles.Creator) || user.FindFirstValue(Roles.WalletClaim) is not { } wallet) return;

        var id = (context.Resource as HttpContext)?.GetRouteValue(requirement.DropRouteValue) as string;
        // An id that names no drop is let through so the endpoint answers 404, as it would for an operator.
        if (id is null || !DropId.IsValid(id))
        {
            context.Succeed(requirement);
            return;
        }
        try
        {
            var summary = await grains.GetGrain<IDropGrain>(id).GetSummary();
            if (string.Equals(summary.Creator, wallet, StringComparison.OrdinalIgnoreCase)) context.Succeed(requirement);
        }
        catch (Rejected r) when (r.Code == RejectionCodes.DropNotFound)
        {
            context.Succeed(requirement);
        }
    }
}
