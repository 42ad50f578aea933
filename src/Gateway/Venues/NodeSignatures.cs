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
/// A venue node signs each request with its active key: <c>X-Node-Timestamp</c> (Unix seconds),
/// <c>X-Node-Nonce</c> (fresh, letters and digits) and <c>X-Node-Signature</c>, an EIP-191 signature (65 bytes,
/// low s) over <see cref="NodeMessages.Request"/> (node, method, path with query, timestamp, nonce, SHA-256 of the
/// body); optionally <c>X-Node-Body-Sha256</c>, the hash it signed, so a body changed on the way is named as such.
/// Each failed check is its own 401 problem type (<see cref="NodeSignatureProblems"/>). Replays are stopped by the
/// window here and by the node's actor, which spends each nonce once whatever the signature's encoding and
/// whichever gateway the request reaches. Only node endpoints run this scheme.
/// </summary>
public sealed class NodeSignatures(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IGrainFactory grains, NodeRequestWindow window)
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
            return Fail(NodeSignatureProblems.Malformed, $"The node signature headers are malformed: {NodeMessages.TimestampHeader} (Unix seconds), {NodeMessages.NonceHeader} (1-{NodeMessages.MaxNonceLength} letters or digits) and {NodeMessages.SignatureHeader} are required.");
        if (Context.GetRouteValue("id") is not string nodeId || !NodeId.IsValid(nodeId))
            return Fail(NodeSignatureProblems.WrongKey, "The request is not signed by a key of this node.");
        if (!window.Contains(stamp))
            return Fail(NodeSignatureProblems.Stale, $"The request's timestamp is more than {(int)window.Window.TotalSeconds} s from the server's clock; check the node's clock.");

        Request.EnableBuffering();
        using var body = new MemoryStream();
        await Request.Body.CopyToAsync(body, Context.RequestAborted);
        Request.Body.Position = 0;
        var bodyHash = NodeMessages.Sha256Hex(body.ToArray());
        if (Request.Headers[NodeMessages.BodyHashHeader].ToString() is { Length: > 0 } signedHash && !string.Equals(signedHash, bodyHash, StringComparison.OrdinalIgnoreCase))
            return Fail(NodeSignatureProblems.BodyHashMismatch, $"The body received does not have the SHA-256 the node signed ({NodeMessages.BodyHashHeader}); it was changed on the way.");
        var message = NodeMessages.Request(nodeId, Request.Method, Request.Path.ToUriComponent() + Request.QueryString.ToUriComponent(), stamp, nonce, bodyHash);
        if (NodeMessages.Signer(message, signature) is not { } signer)
            return Fail(NodeSignatureProblems.Malformed, "The node signature is not 65 bytes of hex (r, s, v with v 27/28 or 0/1) with a low s (EIP-2) that recover to a key.");

        NodeRequestVerdict verdict;
        try
        {
            verdict = await grains.GetGrain<IVenueNodeGrain>(nodeId).AdmitRequest(new NodeRequestSeal(signer, nonce, window.RememberUntil(stamp)));
        }
        catch (Rejected r) when (r.Code != RejectionCodes.Unavailable)
        {
            verdict = NodeRequestVerdict.NotNodeKey;
        }
        if (verdict != NodeRequestVerdict.Accepted)
        {
            var failure = NodeSignatureProblems.For(verdict);
            return Fail(failure.Code, failure.Detail);
        }

        var identity = new ClaimsIdentity([new(ClaimTypes.Name, nodeId), new(ClaimTypes.Role, NodeAccess.Role), new(NodeClaim, nodeId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Fail(string code, string detail)
    {
        Context.Features.Set(new NodeSignatureFailure(code, detail));
        return AuthenticateResult.Fail(detail);
    }
}

public static class VoucherLimits
{
    public const int MaxSignatureLength = 140;
}
