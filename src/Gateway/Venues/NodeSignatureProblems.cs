using MicroEvents.Venues;

namespace MicroEvents.Gateway.Venues;

/// <summary>
/// Why a signed node request was refused, one problem type per check (all 401), so a kiosk's operator can tell a
/// wrong clock from a replay or a revoked key. Details name the check, never a secret or what the server expected
/// beyond what the node already knows (its own clock, body and key).
/// </summary>
public static class NodeSignatureProblems
{
    public const string Malformed = "node-signature-malformed";
    public const string Stale = "node-request-stale";
    public const string Replayed = "node-request-replayed";
    public const string WrongKey = "node-key-not-active";
    public const string Revoked = "node-key-revoked";
    public const string BodyHashMismatch = "node-body-hash-mismatch";

    public static IEnumerable<KeyValuePair<string, int>> Statuses =>
        [new(Malformed, 401), new(Stale, 401), new(Replayed, 401), new(WrongKey, 401), new(Revoked, 401), new(BodyHashMismatch, 401)];

    public static NodeSignatureFailure For(NodeRequestVerdict verdict) => verdict switch
    {
        NodeRequestVerdict.NotNodeKey => new(WrongKey, "The request is not signed by a key of this node."),
        NodeRequestVerdict.KeyRotatedOut => new(WrongKey, "The request is signed by a key this node rotated away from; sign with its current key."),
        NodeRequestVerdict.KeyRevoked => new(Revoked, "The request is signed by a revoked key of this node."),
        NodeRequestVerdict.NonceReused => new(Replayed, "This node already used the request's nonce; every request needs a fresh X-Node-Nonce."),
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Not a refusal."),
    };
}

/// <summary>Kept on the request by <see cref="NodeSignatures"/> so the 401 names the failed check.</summary>
public sealed record NodeSignatureFailure(string Code, string Detail);
