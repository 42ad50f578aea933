using MicroEvents.Gateway.Auth;

namespace MicroEvents.Gateway.WebConsole;

/// <summary>
/// The browser console at <c>/console/</c> (and <c>/</c> sends you there). Its pages are static and anonymous: every
/// figure and action comes from the HTTP API, called by the browser with the credential the user signed in with, so
/// the console can do exactly what that caller could do with curl. Like the dashboard, the files are not API
/// operations and stay out of the OpenAPI document.
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>
    /// Only our own files; the live page (same origin) may be framed; no inline script or style. Besides the API, the
    /// browser may fetch https and local addresses: a creator's asset URL is fetched and hashed there (the server never
    /// fetches a URL a client names), and the asset's host must still allow the read (CORS).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' https: http://localhost:* http://127.0.0.1:*; img-src 'self' data:; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/console/")).ExcludeFromDescription().AllowPublic();
        // Routing ignores a trailing slash, so /console lands here too: send it to /console/, where the page's relative links resolve.
        app.MapGet("/console/", (HttpContext http) => http.Request.Path.Value!.EndsWith('/') ? Serve(http, "index.html") : Results.Redirect("/console/"))
            .ExcludeFromDescription().AllowPublic();
        app.MapGet("/console/{file}", (string file, HttpContext http) => Serve(http, file)).ExcludeFromDescription().AllowPublic();
        return app;
    }

    private static IResult Serve(HttpContext http, string file)
    {
        if (!ConsoleAssets.TryGet(file, out var mediaType, out var text))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "The console has no such file.");
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Text(text, mediaType);
    }
}
