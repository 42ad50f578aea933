using System.Text.Json;
using System.Text.Json.Serialization;
using MicroEvents.EventSourcing;
using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Telemetry;
using MicroEvents.Gateway.Health;
using MicroEvents.Gateway.Limits;
using MicroEvents.Gateway.Modules;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using MicroEvents.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace MicroEvents.Gateway;

/// <summary>
/// The HTTP gateway's wiring, shared by its own process (an Orleans client) and the one-command
/// run (co-hosted with a silo). It needs an <see cref="IGrainFactory"/> in DI and nothing else.
/// </summary>
public static class GatewayHost
{
    /// <summary>
    /// Host arguments that stop configuration from watching the content root for changes. There is no
    /// appsettings file to reload, but the watch is recursive: run from the repository, it covers the local
    /// PostgreSQL's data directory, and every WAL write became inotify events and stat calls in this process.
    /// </summary>
    public static string[] HostArgs(string[] args) => [.. args, "--hostBuilder:reloadConfigOnChange=false"];

    public const long DefaultMaxRequestBodyBytes = 64 * 1024;
    public const int DefaultMaxRequestHeadersBytes = 16 * 1024;
    public const int MaxJsonDepth = 16;

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var maxBody = builder.Configuration.GetValue("Gateway:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        var maxHeaders = builder.Configuration.GetValue("Gateway:MaxRequestHeadersBytes", DefaultMaxRequestHeadersBytes);
        builder.WebHost.ConfigureKestrel(k =>
        {
            // The documented limit is BodyLimit's, which answers 413 after draining; this is only the hard stop.
            k.Limits.MaxRequestBodySize = Math.Max(maxBody, BodyLimit.DrainBytes);
            k.Limits.MaxRequestHeadersTotalSize = maxHeaders;
            k.Limits.MaxRequestHeaderCount = 64;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            // What Kestrel rejects before the app runs still gets a problem+json body.
            k.ConfigureEndpointDefaults(listen => listen.UseProblemBodies());
        });

        builder.Services.Configure<JsonOptions>(o =>
        {
            Configure(o.SerializerOptions);
            // Request hygiene: a member the endpoint does not know is a mistake, answered 400 like any bad body.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.MaxDepth = MaxJsonDepth;
        });
        // Binding failures throw, so the exception handler answers them with problem+json like everything else.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Registered before AddProblemDetails so it comes first: every problem is written, whatever the Accept header.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        // Responses the framework writes on its own (415, 413, 404, 405) get our problem types too.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            if (ctx.ProblemDetails.Type?.StartsWith(ProblemTypes.BaseUri, StringComparison.Ordinal) == true) return;
            var code = ProblemTypes.ForStatus(ctx.HttpContext.Response.StatusCode);
            ctx.ProblemDetails.Type = ProblemTypes.Uri(code);
            ctx.ProblemDetails.Title = ProblemTypes.Title(code);
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddSingleton<DeclaredQuery>();
        builder.AddTelemetry();
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "MicroEvents.Orleans";
                doc.Info.Description = "Edge-first micro-drops. Errors are application/problem+json; their `type` is one of: " +
                    string.Join(", ", ProblemTypes.Statuses.Select(kv => $"`{ProblemTypes.Uri(kv.Key)}` ({kv.Value})")) + ".";
                TelemetryEndpoints.Describe(doc);
                return Task.CompletedTask;
            });
            OpenApiSecurity.Add(o);
            OpenApiContract.Add(o);
        });

        builder.Services.Configure<CallerCacheOptions>(builder.Configuration.GetSection(CallerCacheOptions.Section));
        builder.Services.AddSingleton(sp => new CallerCache(sp.GetRequiredService<IOptions<CallerCacheOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddAuthentication(Credentials.SchemeName).AddScheme<AuthenticationSchemeOptions, Credentials>(Credentials.SchemeName, null);
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddSingleton<IAuthorizationHandler, DropOwnerHandler>();
        builder.Services.AddHostedService<EndpointAccessCheck>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthProblems>();
        builder.Services.AddSingleton<SiweSettings>();
        builder.AddLimits();
        // Each feature's own services (claim challenges, live feeds, venue nodes…): its module (IGatewayModule).
        builder.AddFeatures();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // With no known proxies ASP.NET would believe X-Forwarded-For from anyone: only use it when some are configured.
        if (app.Services.GetRequiredService<IOptions<LimitOptions>>().Value.TrustedProxies.Any(p => !string.IsNullOrWhiteSpace(p)))
            app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseBodyLimit(app.Configuration.GetValue("Gateway:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes));
        // Events written for this request carry its id, so analysts can join the stream to request logs.
        app.Use((http, next) =>
        {
            var id = http.Request.Headers[Correlation.Header].FirstOrDefault();
            if (ClientText.Problem(id, ClientText.MaxIdLength) is { } problem)
                throw new Rejected(RejectionCodes.ValidationFailed, $"The {Correlation.Header} header is invalid.",
                    new Dictionary<string, string[]> { [Correlation.Header] = [problem] });
            Correlation.Set(string.IsNullOrEmpty(id) ? http.TraceIdentifier : id);
            return next(http);
        });
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRequestLogScope();
        app.UseAuthentication();
        app.UseAuthorization();
        // Unknown, repeated or unparsable query parameters: one 400 naming them, for every endpoint.
        app.Use((http, next) =>
        {
            http.RequestServices.GetRequiredService<DeclaredQuery>().Check(http);
            return next(http);
        });
        app.UseRateLimiter();
        app.MapOpenApi().AllowPublic();
        // The docs page loads nothing from a third-party host: Scalar's script is served from here, its web fonts are off.
        app.MapScalarApiReference(o => o.DisableDefaultFonts()).AllowPublic();
        app.MapTelemetry();
        app.MapSignIn();
        app.MapCreatorTokens();
        app.MapHealth();
        // Drops, claims, venues, SKUs, fulfilment…: each feature's endpoints come from its module (IGatewayModule).
        app.MapFeatures();
        return app;
    }

    public static void Configure(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.NumberHandling = JsonNumberHandling.Strict;
    }
}
