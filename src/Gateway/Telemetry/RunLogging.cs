using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Console;

namespace MicroEvents.Gateway.Telemetry;

/// <summary>
/// Log levels of a running gateway or silo: no line per request at full load (ASP.NET Core's request
/// lines and Marten's per-page daemon lines are warnings-only), scopes carried on every line. These are
/// defaults beneath all configuration: <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c> brings the
/// request lines back, <c>Logging__Console__FormatterName=json</c> writes JSON with scopes as properties.
/// </summary>
public static class RunLogging
{
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:MicroEvents.Projections.Daemon"] = "Warning",
        // Polly logs every placement decision (one per new activation) at Information.
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    public static WebApplicationBuilder AddRunLogging(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o => { o.SingleLine = true; o.IncludeScopes = true; });
        builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        return builder;
    }
}
