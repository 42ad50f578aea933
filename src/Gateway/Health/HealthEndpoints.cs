using MicroEvents.Gateway.Auth;
using MicroEvents.Health;

namespace MicroEvents.Gateway.Health;

public static class HealthEndpoints
{
    /// <summary>The log category of readiness failures.</summary>
    public sealed class HealthCheck;

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");

        health.MapGet("/live", () => Results.Ok(new { status = "live" }))
            .WithName("GetLiveness").WithSummary("The gateway process is up").AllowPublic();

        // One grain call proves the cluster answers and, from inside it, that PostgreSQL does.
        health.MapGet("/ready", async (IGrainFactory grains, HttpContext http, ILogger<HealthCheck> log, CancellationToken ct) =>
            {
                try
                {
                    var ping = await grains.GetGrain<IStorageHealthGrain>(0).Ping().WaitAsync(TimeSpan.FromSeconds(5), ct);
                    return Results.Ok(new { status = "ready", cluster = "ok", postgres = "ok", postgresMs = Math.Round(ping.TotalMilliseconds, 2) });
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Exception text can name hosts, users and paths: operators see it, everyone else only the verdict.
                    log.LogWarning(e, "Readiness check failed");
                    // Load balancers and clients back off by it, like every other 503.
                    http.Response.Headers.RetryAfter = MicroEvents.Rejections.RejectionCodes.UnavailableRetryAfterSeconds.ToString();
                    return Results.Problem(type: "/problems/unavailable", title: "Unavailable", statusCode: 503,
                        detail: e is MicroEvents.Rejections.Rejected ours ? $"Not ready: {ours.Message}" // our own words, safe for anyone
                            : http.User.IsInRole(Roles.Operator) ? $"Not ready: {e.GetType().Name}: {e.Message}"
                            : "Not ready: the cluster or PostgreSQL is unavailable.");
                }
            })
            .WithName("GetReadiness").WithSummary("The cluster and PostgreSQL answer (details of a failure for operators only)").Produces(StatusCodes.Status200OK).ProducesProblem(503).AllowPublic();

        return app;
    }
}
