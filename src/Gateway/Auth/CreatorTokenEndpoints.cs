using MicroEvents.Access;
using MicroEvents.Gateway.Problems;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Auth;

/// <summary>
/// Operators' control of creators' sign-in tokens: revoke them (by wallet or token id) and rotate the key
/// that signs them. A gateway that verified a token in the last 5 s (its caller cache) may still accept it
/// until then; silos see a rotation within 1 s.
/// </summary>
public static class CreatorTokenEndpoints
{
    public sealed record RevokeCreatorTokensRequest(string? Wallet, string? TokenId, string? Reason);

    public sealed record RotateSigningKeyRequest(int? OverlapSeconds);

    public static IEndpointRouteBuilder MapCreatorTokens(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Sign-in");

        auth.MapPost("/creator-tokens/revocations", ([FromBody] RevokeCreatorTokensRequest? body, HttpContext http, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                return grains.GetGrain<ICreatorTokensGrain>(0).Revoke(request.Wallet, request.TokenId, request.Reason, Acting.By(http.User));
            })
            .WithName("RevokeCreatorTokens").WithSummary("Revoke a creator's tokens: every token issued to a wallet until now, or one token by its id (jti)")
            .WithDescription("Exactly one of `wallet` and `tokenId`. A revoked token answers 401; a gateway that verified it in the last 5 s may accept it until then. Revoking a wallet again moves its cut-off to now; the creator signs in again for a new token.")
            .Produces<CreatorTokenRevocation>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415)
            .RequireOperator();

        auth.MapPost("/token-signing-key/rotate", ([FromBody] RotateSigningKeyRequest? body, HttpContext http, IGrainFactory grains) =>
            {
                TimeSpan? overlap = body?.OverlapSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
                return grains.GetGrain<ICreatorTokensGrain>(0).RotateSigningKey(overlap, Acting.By(http.User));
            })
            .WithName("RotateTokenSigningKey").WithSummary("Sign creators' tokens with a new key; tokens of the old key stay valid for overlapSeconds (default 900, 0 = refused now)")
            .WithDescription("The default overlap is a token's whole lifetime, so no signed-in creator notices. With `overlapSeconds: 0` every token of the old key is refused (within the 5 s caller cache) and creators sign in again.")
            .Produces<TokenKeyRotation>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415)
            .RequireOperator();

        return app;
    }
}
