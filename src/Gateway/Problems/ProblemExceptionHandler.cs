using System.Text.Json;
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
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (code, detail, errors) = Classify(exception);
        if (code is ProblemTypes.Unavailable or ProblemTypes.InternalError) log.LogError(exception, "Request {Path} failed", http.Request.Path);

        var status = ProblemTypes.Statuses[code];
        http.Response.StatusCode = status;
        // A silo that died or a cluster that is failing over answers again within seconds; the claim id makes the retry safe.
        if (status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = RetryAfterSeconds;
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

    private const string RetryAfterSeconds = "1";

    private static (string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors) Classify(Exception e) => e switch
    {
        Rejected r => (r.Code, r.Message, r.Errors),
        BadHttpRequestException { StatusCode: 413 } => (ProblemTypes.PayloadTooLarge, "The request body is larger than this gateway accepts.", null),
        BadHttpRequestException { StatusCode: 415 } => (ProblemTypes.UnsupportedMediaType, "Send the body as application/json.", null),
        BadHttpRequestException b => (ProblemTypes.MalformedRequest, Describe(b), null),
        JsonException j => (ProblemTypes.MalformedRequest, j.Message, null),
        TimeoutException or OrleansException or OperationCanceledException =>
            (ProblemTypes.Unavailable, "The drop service is unavailable; retry with the same claim id.", null),
        _ => (ProblemTypes.InternalError, "An unexpected error occurred; it has been logged.", null),
    };

    // The binder wraps the JSON reader's precise complaint (path, line) one level down; that is what helps a client.
    private static string Describe(BadHttpRequestException b) =>
        b.InnerException is JsonException j ? $"The body is not valid JSON for this request: {j.Message}" : b.Message;
}
