using MicroEvents.Health;

namespace MicroEvents.Gateway.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");

        health.MapGet("/live", () => Results.Ok(new { status = "live" }))
            .WithSummary("The gateway process is up");

        // One grain call proves the cluster answers and, from inside it, that PostgreSQL does.
        health.MapGet("/ready", async (IGrainFactory grains, CancellationToken ct) =>
            {
                try
                {
                    var ping = await grains.GetGrain<IStorageHealthGrain>(0).Ping().WaitAsync(TimeSpan.FromSeconds(5), ct);
                    return Results.Ok(new { status = "ready", cluster = "ok", postgres = "ok", postgresMs = Math.Round(ping.TotalMilliseconds, 2) });
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    return Results.Problem(type: "/problems/unavailable", title: "Unavailable", statusCode: 503,
                        detail: $"Not ready: {e.GetType().Name}: {e.Message}");
                }
            })
            .WithSummary("The cluster and PostgreSQL answer").ProducesProblem(503);

        return app;
    }
}
