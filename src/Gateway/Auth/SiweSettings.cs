using MicroEvents.Access;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Challenges;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MicroEvents.Gateway.Auth;

/// <summary>
/// The audience a Sign-In with Ethereum message must name, from configuration only (never the request's Host):
/// <c>Auth:SiweUri</c>, else <c>Gateway:PublicUrl</c>, else the first address this gateway listens on;
/// <c>Auth:SiweDomain</c>, else that URI's authority; <c>Auth:SiweChainId</c>, else <c>Claims:ChainId</c> (31337).
/// Behind a proxy or load balancer set <c>Gateway:PublicUrl</c> to the address users see.
/// </summary>
public sealed class SiweSettings(IConfiguration config, IServer server)
{
    private SiweAudience? _audience;

    public SiweAudience Audience => _audience ??= Resolve();

    /// <summary>The audience, or null while sign-in is not configured (instead of the 503 rejection).</summary>
    public SiweAudience? TryAudience()
    {
        try { return Audience; }
        catch (Rejected) { return null; }
    }

    private SiweAudience Resolve()
    {
        var uri = First(config["Auth:SiweUri"], config["Gateway:PublicUrl"],
            server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault());
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Host is "0.0.0.0" or "[::]" or "+" or "*")
            throw new Rejected(RejectionCodes.Unavailable,
                "Sign-in is not configured: set Gateway:PublicUrl (or Auth:SiweDomain and Auth:SiweUri) to this API's public address.");
        var domain = First(config["Auth:SiweDomain"]) ?? parsed.Authority;
        var chain = config.GetValue<long?>("Auth:SiweChainId") ?? config.GetValue("Claims:ChainId", ChallengeDomain.DefaultChainId);
        return new SiweAudience(domain, parsed.GetLeftPart(UriPartial.Path).TrimEnd('/'), chain);
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
