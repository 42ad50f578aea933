using System.Security.Claims;
using MicroEvents.Access;

namespace MicroEvents.Gateway.Auth;

/// <summary>Who the authenticated caller is, for the <c>By</c> field of the events their commands record.</summary>
public static class Acting
{
    /// <summary>The principal's claim holding <see cref="Actor.Of"/> of its caller (set by <see cref="Credentials"/>).</summary>
    public const string ActorClaim = "actor";

    public static string By(ClaimsPrincipal user) => user.FindFirstValue(ActorClaim) ?? "anonymous";
}
