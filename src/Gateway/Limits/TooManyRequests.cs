using MicroEvents.Gateway.Problems;

namespace MicroEvents.Gateway.Limits;

/// <summary>429 as problem+json with <c>Retry-After</c> in whole seconds.</summary>
public static class TooManyRequests
{
    public static IResult Result(HttpContext http, string code, string detail, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Seconds(retryAfter);
        return Results.Problem(type: ProblemTypes.Uri(code), title: ProblemTypes.Title(code), statusCode: 429, detail: detail,
            instance: http.Request.Path);
    }

    public static string Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
}
