using MicroEvents.Gateway.Modules;
using MicroEvents.Rejections;

namespace MicroEvents.Gateway.Problems;

/// <summary>
/// Every problem type a client can receive, with its HTTP status: the gateway's own here, the shared
/// <see cref="RejectionCodes"/> from their table, each feature's from its module (<see cref="IGatewayModule.Problems"/>).
/// </summary>
public static class ProblemTypes
{
    public const string BaseUri = "/problems/";

    public static readonly IReadOnlyDictionary<string, int> Statuses = new Dictionary<string, int>(GatewayModules.Problems.Concat(RejectionCodes.Statuses))
    {
        [MalformedRequest] = 400,
        [PayloadTooLarge] = 413,
        [UnsupportedMediaType] = 415,
        [NotFound] = 404,
        [InternalError] = 500,
        [MethodNotAllowed] = 405,
        [UriTooLong] = 414,
        [HeadersTooLarge] = 431,
        [HttpVersionNotSupported] = 505,
    };

    public const string MalformedRequest = "malformed-request";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string NotFound = "not-found";
    public const string Unavailable = RejectionCodes.Unavailable;
    public const string InternalError = "internal-error";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string UriTooLong = "uri-too-long";
    public const string HeadersTooLarge = "headers-too-large";
    public const string HttpVersionNotSupported = "http-version-not-supported";

    public static string Uri(string code) => BaseUri + code;

    /// <summary>The problem type for a response the framework produced itself (bad body, unknown route…).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => RejectionCodes.Unauthorized,
        403 => RejectionCodes.Forbidden,
        429 => RejectionCodes.RateLimited,
        404 => NotFound,
        405 => MethodNotAllowed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        414 => UriTooLong,
        431 => HeadersTooLarge,
        505 => HttpVersionNotSupported,
        503 => Unavailable,
        _ => status >= 500 ? InternalError : MalformedRequest,
    };

    public static string Title(string code) =>
        char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');
}
