using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>Logs go to stderr (stdout is the Markdown summary); silos log warnings and worse only.</summary>
public static class HarnessLogging
{
    public static ILoggingBuilder ToStandardError(this ILoggingBuilder logging, LogLevel minimum = LogLevel.Warning)
    {
        logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(minimum);
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return logging;
    }

    public static ILoggerFactory Factory(LogLevel minimum) => LoggerFactory.Create(b => b.ToStandardError(minimum));

    /// <summary>The same, as command-line configuration for <c>WebApplication.CreateBuilder(args)</c>.</summary>
    public static readonly string[] WebHostArgs =
    [
        "--Logging:LogLevel:Default=Warning",
        "--Logging:Console:LogToStandardErrorThreshold=Trace",
    ];
}
