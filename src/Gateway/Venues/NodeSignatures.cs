using System.Security.Claims;
using System.Text.Encodings.Web;
using MicroEvents.Gateway.Auth;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Venues;
using MicroEvents.Venues;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MicroEvents.Gateway.Venues;

/// <summary>
/// A venue node signs each request with its active key: <c>X-Node-Timestamp</c> (Unix seconds) and
/// <c>X-Node-Nonce</c> (fresh, letters and digits) and <c>X-Node-Signature</c>, an EIP-191 signature over
/// <see cref="NodeMessages.Request"/> (node, method, path with query, timestamp, nonce, SHA-256 of the body). A timestamp outside the replay window, a signature seen before, or one
/// not made by the route's node's active key fails authentication (401). Only node endpoints run this scheme.
/// </summary>
public sealed class NodeSignatures(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IGrainFactory grains, NodeReplayGuard replays)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "node-signature";
    public const string NodeClaim = "node";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var signature = Request.Headers[NodeMessages.SignatureHeader].ToString();
        if (signature.Length == 0) return AuthenticateResult.NoResult();
        var nonce = Request.Headers[NodeMessages.NonceHeader].ToString();
        if (signature.Length > VoucherLimits.MaxSignatureLength || !long.TryParse(Request.Headers[NodeMessages.TimestampHeader].ToString(), out var stamp)
            || nonce.Length is 0 or > NodeMessages.MaxNonceLength || !nonce.All(char.IsAsciiLetterOrDigit))
            return AuthenticateResult.Fail("The node signature headers are malformed.");
        if (Context.GetRouteValue("id") is not string nodeId || !NodeId.IsValid(nodeId))
            return AuthenticateResult.Fail("No such node.");
        if (!replays.WithinWindow(stamp))
            return AuthenticateResult.Fail("The request's timestamp is outside the replay window; check the node's clock.");

        Request.EnableBuffering();
        using var body = new MemoryStream();
        await Request.Body.CopyToAsync(body, Context.RequestAborted);
        Request.Body.Position = 0;
        var message = NodeMessages.Request(nodeId, Request.Method, Request.Path.ToUriComponent() + Request.QueryString.ToUriComponent(), stamp, nonce, NodeMessages.Sha256Hex(body.ToArray()));
        var signer = NodeMessages.Signer(message, signature);
        if (signer is null) return AuthenticateResult.Fail("The node signature is malformed.");

        string? active;
        try
        {
            active = await grains.GetGrain<IVenueNodeGrain>(nodeId).GetActiveKey();
        }
        catch (Rejected r) when (r.Code != RejectionCodes.Unavailable)
        {
            active = null;
        }
        if (active is null || !string.Equals(active, signer, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The request is not signed by the node's active key.");
        if (!replays.FirstUse(signature, stamp))
            return AuthenticateResult.Fail("This signed request was already used.");

        var identity = new ClaimsIdentity([new(ClaimTypes.Name, nodeId), new(ClaimTypes.Role, Roles.Node), new(NodeClaim, nodeId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

public static class VoucherLimits
{
    public const int MaxSignatureLength = 140;
}
