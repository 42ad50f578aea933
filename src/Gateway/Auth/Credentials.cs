using System.Security.Claims;
using System.Text.Encodings.Web;
using MicroEvents.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MicroEvents.Gateway.Auth;

/// <summary>
/// Reads <c>Authorization: Bearer …</c> (or <c>X-Api-Key</c>): an API key (<c>mev_…</c>) is looked up by
/// its hash, anything else is taken as a creator token and verified inside the silo. No credentials is
/// not an error here (public endpoints); wrong credentials are.
/// </summary>
public sealed class Credentials(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains, CallerCache callers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "credentials";
    public const string ApiKeyHeader = "X-Api-Key";
    private const int MaxCredentialLength = 2048;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request.Headers);
        if (presented is null) return AuthenticateResult.NoResult();
        if (presented.Length is 0 or > MaxCredentialLength) return AuthenticateResult.Fail("The credentials are malformed.");

        var caller = await callers.Verify(presented, () => ApiKeySecret.LooksLikeKey(presented)
            ? grains.GetGrain<IApiKeysGrain>(0).Verify(ApiKeySecret.Hash(presented))
            : presented.Count(c => c == '.') == 2
                ? grains.GetGrain<ICreatorSignInGrain>(0).Verify(presented)
                : Task.FromResult<Caller?>(null));
        if (caller is null) return AuthenticateResult.Fail("The API key or token is unknown, revoked or expired.");

        List<Claim> claims = [new(ClaimTypes.Name, caller.Name), new(ClaimTypes.Role, RoleOf(caller.Role)), new(Acting.ActorClaim, Actor.Of(caller))];
        if (caller.Wallet is not null) claims.Add(new Claim(Roles.WalletClaim, caller.Wallet));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    private static string? Presented(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization.ToString();
        if (authorization.Length > 0)
            return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : "";
        var key = headers[ApiKeyHeader].ToString();
        return key.Length > 0 ? key.Trim() : null;
    }

    private static string RoleOf(AccessRole role) => role switch
    {
        AccessRole.Operator => Roles.Operator,
        AccessRole.Analyst => Roles.Analyst,
        AccessRole.Creator => Roles.Creator,
        _ => "none",
    };
}
