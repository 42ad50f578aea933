using MicroEvents.Access;
using MicroEvents.Gateway.Limits;
using MicroEvents.Gateway.Problems;

namespace MicroEvents.Gateway.Auth;

/// <summary>Sign-In with Ethereum for creators: a nonce, then the signed EIP-4361 message for a bearer token.</summary>
public static class SignInEndpoints
{
    public sealed record SignInRequest(string Message, string Signature);

    /// <summary>
    /// The nonce, and what a wallet's message must name to be accepted (from configuration, like the check itself),
    /// with the server's time for Issued At: a browser builds the exact message without guessing the audience or
    /// trusting its own clock. The audience is absent while sign-in is not configured (then /auth/siwe answers 503).
    /// </summary>
    public sealed record NonceResponse(string Nonce, string? Domain = null, string? Uri = null, long? ChainId = null, DateTimeOffset? IssuedAt = null);

    public sealed record SignInResponse(string Token, string TokenType, string Wallet, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Sign-in");

        auth.MapGet("/nonce", async (IGrainFactory grains, SiweSettings siwe, IServiceProvider services) =>
            {
                var nonce = await grains.GetGrain<ICreatorSignInGrain>(0).IssueNonce();
                var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
                return siwe.TryAudience() is { } audience
                    ? new NonceResponse(nonce, audience.Domain, audience.Uri, audience.ChainId, now)
                    : new NonceResponse(nonce);
            })
            .WithName("GetSignInNonce").WithSummary("A single-use nonce (10 minutes) for a Sign-In with Ethereum message, with the domain, URI and chain id the message must name and the server's time for Issued At")
            .Produces<NonceResponse>().ProducesProblem(429)
            .AllowPublic().RequireRateLimiting(RateLimits.SignInPolicy);

        auth.MapPost("/siwe", async (SignInRequest? body, IGrainFactory grains, SiweSettings siwe) =>
            {
                var request = RequestBody.Required(body);
                var session = await grains.GetGrain<ICreatorSignInGrain>(0).SignIn(request.Message ?? "", request.Signature ?? "", siwe.Audience);
                return new SignInResponse(session.Token, "Bearer", session.Wallet, session.ExpiresAt);
            })
            .WithName("SignIn").WithSummary("Exchange a wallet-signed EIP-4361 message for a short-lived creator token")
            .WithDescription("EIP-4361: the message's domain, URI and Chain ID must be this API's (configuration `Auth:SiweDomain`, `Auth:SiweUri`, `Auth:SiweChainId`, by default from `Gateway:PublicUrl` and `Claims:ChainId`; never the request's Host), Issued At under 10 minutes old, Expiration Time not passed, Not Before reached, the nonce one from /auth/nonce and unused, the signature 65 bytes with low s. The token lasts 15 minutes (or until the message's Expiration Time).")
            .Produces<SignInResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(415).ProducesProblem(429)
            .AllowPublic().RequireRateLimiting(RateLimits.SignInPolicy);

        return app;
    }
}
