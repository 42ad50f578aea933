using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Auth;

/// <summary>401 (no or bad credentials) and 403 (wrong role, someone else's drop) as problem+json of their own types.</summary>
public sealed class AuthProblems(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Challenged && http.Features.Get<Venues.NodeSignatureFailure>() is { } node)
        {
            http.Response.Headers.WWWAuthenticate = "X-Node-Signature";
            await Write(http, node.Code, node.Detail);
            return;
        }
        if (result.Challenged)
        {
            var failed = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure is not null;
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await Write(http, RejectionCodes.Unauthorized, failed
                ? "The API key or token is unknown, revoked or expired."
                : "This endpoint needs credentials: Authorization: Bearer <API key or creator token>.");
            return;
        }
        if (result.Forbidden)
        {
            await Write(http, RejectionCodes.Forbidden, "Your role may not do this, or the drop is not yours.");
            return;
        }
        await _default.HandleAsync(next, http, policy, result);
    }

    private async Task Write(HttpContext http, string code, string detail)
    {
        var status = ProblemTypes.Statuses[code];
        http.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Type = ProblemTypes.Uri(code), Title = ProblemTypes.Title(code), Status = status, Detail = detail, Instance = http.Request.Path,
            },
        });
    }
}
