using MicroEvents.Rejections;

namespace MicroEvents.Gateway.Problems;

/// <summary>Every problem type a client can receive, with its HTTP status. The one place that decides statuses.</summary>
public static class ProblemTypes
{
    public const string BaseUri = "/problems/";

    public static readonly IReadOnlyDictionary<string, int> Statuses = new Dictionary<string, int>
    {
        [RejectionCodes.DropNotFound] = 404,
        [RejectionCodes.ClaimNotFound] = 404,
        [RejectionCodes.DropExists] = 409,
        [RejectionCodes.InvalidTransition] = 409,
        [RejectionCodes.DropNotOpen] = 409,
        [RejectionCodes.DropPaused] = 409,
        [RejectionCodes.DropClosed] = 409,
        [RejectionCodes.ClaimWindowNotStarted] = 409,
        [RejectionCodes.ClaimWindowEnded] = 409,
        [RejectionCodes.SoldOut] = 409,
        [RejectionCodes.TierSoldOut] = 409,
        [RejectionCodes.TierNotFound] = 409,
        [RejectionCodes.WalletLimitReached] = 409,
        [RejectionCodes.ClaimIdConflict] = 409,
        [RejectionCodes.ValidationFailed] = 400,
        [RejectionCodes.InvalidWallet] = 400,
        [MalformedRequest] = 400,
        [PayloadTooLarge] = 413,
        [UnsupportedMediaType] = 415,
        [NotFound] = 404,
        [Unavailable] = 503,
        [InternalError] = 500,
    };

    public const string MalformedRequest = "malformed-request";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string NotFound = "not-found";
    public const string Unavailable = "unavailable";
    public const string InternalError = "internal-error";

    public static string Uri(string code) => BaseUri + code;

    public static string Title(string code) =>
        char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');
}
