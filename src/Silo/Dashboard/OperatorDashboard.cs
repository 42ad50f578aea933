using MicroEvents.Gateway.Auth;
using MicroEvents.Silo.Hosting;
using Orleans.Dashboard;

namespace MicroEvents.Silo.Dashboard;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>, for operators only. A browser cannot add a bearer header
/// to the dashboard's own requests, so an operator key posted to <c>/dashboard/login</c> becomes an
/// HttpOnly, same-site cookie scoped to <c>/dashboard</c>, presented as the bearer credential there (and
/// nowhere else). On in the local one-command run; <c>Dashboard__Enabled=true</c> turns it on elsewhere.
/// </summary>
public static class OperatorDashboard
{
    public const string Path = "/dashboard";
    public const string Cookie = "mev_dashboard";

    public static bool Enabled(IConfiguration config, SiloSettings settings) =>
        config.GetValue("Dashboard:Enabled", settings.ConnectionString is null);

    public static ISiloBuilder AddOperatorDashboard(this ISiloBuilder silo) =>
        // Live log streaming stays off: logs are for the log store, not for a browser tab.
        silo.AddDashboard(o => o.HideTrace = true);

    /// <summary>Before authentication: the dashboard cookie stands in for the Authorization header under <see cref="Path"/>.</summary>
    public static WebApplication UseDashboardCookie(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(Path) && !http.Request.Headers.Authorization.Any()
                && http.Request.Cookies.TryGetValue(Cookie, out var key) && !string.IsNullOrEmpty(key))
                http.Request.Headers.Authorization = $"Bearer {key}";
            return next(http);
        });
        return app;
    }

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        app.MapOrleansDashboard(Path).RequireOperator().ExcludeFromDescription();
        app.MapGet(Path + "/login", () => Results.Content(LoginPage, "text/html")).AllowPublic().ExcludeFromDescription();
        app.MapPost(Path + "/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var key = form["key"].ToString().Trim();
            if (key.Length is 0 or > 200) return Results.Redirect(Path + "/login");
            http.Response.Cookies.Append(Cookie, key, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = Path,
                MaxAge = TimeSpan.FromHours(8),
            });
            return Results.Redirect(Path + "/");
        }).AllowPublic().ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private const string LoginPage = """
        <!doctype html><html><head><meta charset="utf-8"><title>MicroEvents dashboard</title></head>
        <body style="font-family:sans-serif;max-width:30em;margin:4em auto">
        <h1>Orleans dashboard</h1><p>Operators only: paste an operator API key (<code>mev_…</code>).</p>
        <form method="post" action="/dashboard/login"><input name="key" type="password" autocomplete="off" size="50" autofocus>
        <button type="submit">Open</button></form></body></html>
        """;
}
