using MicroEvents.Gateway.Auth;
using Microsoft.OpenApi;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MicroEvents.Gateway.Telemetry;

/// <summary>
/// OpenTelemetry metrics (ASP.NET Core, Npgsql, Orleans and the actors' own meters) scraped by
/// Prometheus at <c>/metrics</c>. In a silo (co-hosted gateway) that includes the actors' signals;
/// in a gateway process, its HTTP and Orleans-client signals.
/// </summary>
public static class TelemetryEndpoints
{
    public const string Path = "/metrics";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddNpgsqlInstrumentation()
            .AddMeter("MicroEvents.*", "Microsoft.Orleans")
            .AddPrometheusExporter());
        // Spans are only made when there is somewhere to send them: with no collector, recording one trace per
        // request (HTTP span, grain calls, PostgreSQL commands) cost about a tenth of hot-drop-http's throughput.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.WithTracing(tracing => tracing
                // One trace per request: the HTTP server span, the grain calls it makes (Orleans carries the
                // trace context between gateway and silo) and the PostgreSQL commands they run.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(Path))
                .AddSource(Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName, Orleans.Diagnostics.ActivitySources.RuntimeActivitySourceName)
                .AddNpgsql()
                .AddOtlpExporter());
        return builder;
    }

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        // Counts and latencies only (no ids, wallets or payloads): expose it on the network Prometheus scrapes from.
        app.MapPrometheusScrapingEndpoint(Path).AllowPublic();
        return app;
    }

    /// <summary>The scrape endpoint is middleware, not a route handler, so the document is told about it here.</summary>
    public static void Describe(OpenApiDocument doc)
    {
        doc.Paths ??= new OpenApiPaths();
        doc.Paths[Path] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "GetMetrics",
                    Summary = "Prometheus scrape: HTTP, PostgreSQL, Orleans and actor metrics (OpenMetrics text)",
                    Tags = new HashSet<OpenApiTagReference> { new("Operators") },
                    Extensions = new Dictionary<string, IOpenApiExtension>
                    {
                        [Auth.OpenApiSecurity.RolesExtension] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray(System.Text.Json.Nodes.JsonValue.Create(Auth.Roles.Public))),
                    },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "Metrics in the Prometheus text format",
                            Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = Problems.OpenApiContract.Binary() } },
                        },
                    },
                },
            },
        };
    }
}
