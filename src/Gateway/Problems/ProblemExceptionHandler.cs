using System.Text.Json;
using MicroEvents.EventSourcing;
using MicroEvents.Gateway.Limits;
using MicroEvents.Rejections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Problems;

/// <summary>
/// Turns every failure into problem+json: domain rejections by their code, unreadable requests into
/// 400/413/415, an unreachable cluster into 503. Nothing a client sends produces a 500.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    /// <summary>
    /// The status of a rejection whose code is missing from <see cref="ProblemTypes.Statuses"/>: a refusal that
    /// changed nothing, so a 4xx. A test keeps the map complete; this only keeps the handler from throwing.
    /// </summary>
    public const int UnmappedStatus = 400;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (code, detail, errors) = Classify(Unwrap(exception), http.GetEndpoint()?.Metadata.GetMetadata<ClaimEndpoint>() is not null);
        if (code is ProblemTypes.InternalError) log.LogError(exception, "Request {Path} failed", http.Request.Path);
        else if (code is ProblemTypes.Unavailable) log.LogWarning("Request {Path} answered 503: {Reason}", http.Request.Path, exception.Message);

        if (!ProblemTypes.Statuses.TryGetValue(code, out var status))
        {
            // A code table left out of ProblemTypes is our bug, not the client's: still answer a problem, never crash.
            log.LogWarning("Rejection code {Code} has no status in ProblemTypes; answered {Status}", code, UnmappedStatus);
            status = UnmappedStatus;
        }
        // A client still sending its oversized body reads this answer only if the body is read first.
        if (status == 413) await BodyLimit.Drain(http);
        http.Response.StatusCode = status;
        // Every 503 says when to come back (a claim: with the same claim id).
        if (status == 503) http.Response.Headers.RetryAfter = RejectionCodes.UnavailableRetryAfterSeconds.ToString();
        else if (Unwrap(exception) is Rejected { RetryAfter: { } wait })
            http.Response.Headers.RetryAfter = ((long)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString();
        var problem = new ProblemDetails
        {
            Type = ProblemTypes.Uri(code),
            Title = ProblemTypes.Title(code),
            Status = status,
            Detail = detail,
            Instance = http.Request.Path,
        };
        if (errors is not null) problem.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The 503 detail of a claim route: its outcome is unknown, and the same claim id makes the retry safe.</summary>
    public const string ClaimUnavailable = "The drop service is unavailable; retry with the same claim id.";

    /// <summary>
    /// The 503 detail of every other route (including the credential check of a key not yet cached): the cause, and
    /// when to come back.
    /// </summary>
    public const string StoreUnavailable = "The cluster or its store (PostgreSQL) is unavailable; retry after the Retry-After delay.";

    private static (string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors) Classify(Exception e, bool claimRoute) => e switch
    {
        Rejected r => (r.Code, r.Message, r.Errors),
        BadHttpRequestException { StatusCode: 413 } => (ProblemTypes.PayloadTooLarge, "The request body is larger than this gateway accepts.", null),
        BadHttpRequestException { StatusCode: 415 } => (ProblemTypes.UnsupportedMediaType, "Send the body as application/json.", null),
        BadHttpRequestException { InnerException: JsonException { Path: ['$', '.', .. var field], InnerException: Exception { Message: var m } inner } }
            when inner is InvalidOperationException or ArgumentException && (m.Contains("UTF-16", StringComparison.OrdinalIgnoreCase) || m.Contains("surrogate", StringComparison.OrdinalIgnoreCase) || m.Contains("transcode", StringComparison.OrdinalIgnoreCase)) =>
            (RejectionCodes.ValidationFailed, $"The {field} is not valid text.",
                new Dictionary<string, string[]> { [field] = ["is not valid text: an unpaired surrogate or invalid UTF-16"] }),
        BadHttpRequestException b => (ProblemTypes.MalformedRequest, Describe(b), null),
        JsonException j => (ProblemTypes.MalformedRequest, j.Message, null),
        AppendRefused => (ProblemTypes.InternalError, "Storage refused this change; nothing was stored. It has been logged.", null),
        TimeoutException or OrleansException or OperationCanceledException =>
            (ProblemTypes.Unavailable, claimRoute ? ClaimUnavailable : StoreUnavailable, null),
        _ => (ProblemTypes.InternalError, "An unexpected error occurred; it has been logged.", null),
    };

    // A rejection raised while an actor activated may arrive wrapped by Orleans: answer with the rejection itself.
    private static Exception Unwrap(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is Rejected or AppendRefused) return inner;
        return e;
    }

    // The binder wraps the JSON reader's precise complaint (path, line) one level down; that is what helps a client.
    private static string Describe(BadHttpRequestException b) =>
        b.InnerException is JsonException j ? $"The body is not valid JSON for this request: {j.Message}" : b.Message;
}
