using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;
using Microsoft.Extensions.Options;

namespace MicroEvents.Gateway.Problems;

/// <summary>
/// Writes every problem as application/problem+json, whatever the request's Accept. The framework's own writer
/// declines when Accept does not list JSON (a browser's EventSource sends text/event-stream), and a declined
/// problem became a bodiless 500 with a stack trace in the log. An error has one representation: this one.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string MediaType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        // A HEAD request gets the status and headers only; Kestrel drops any body it is given.
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, typeof(ProblemDetails), json.Value.SerializerOptions, MediaType, http.RequestAborted));
    }
}
