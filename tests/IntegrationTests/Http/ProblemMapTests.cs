using System.Reflection;
using System.Text.Json;
using MicroEvents.EventSourcing;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>
/// The problem map is complete: every rejection code declared beside an actor's decisions (a static
/// <c>…RejectionCodes</c> or <c>…Problems</c> table) has an HTTP status and a problem type, and a code
/// that somehow has none is still answered as problem+json instead of crashing the handler.
/// </summary>
public class ProblemMapTests
{
    private static readonly Assembly[] CodeAssemblies =
        [typeof(RejectionCodes).Assembly, typeof(EventJournal).Assembly, typeof(ProblemTypes).Assembly];

    public static TheoryData<string, string> DeclaredCodes()
    {
        var codes = new TheoryData<string, string>();
        foreach (var table in CodeAssemblies.SelectMany(a => a.GetTypes()).Where(IsCodeTable))
            foreach (var field in table.GetFields(BindingFlags.Public | BindingFlags.Static))
                if (field is { IsLiteral: true } && field.FieldType == typeof(string) && field.Name != nameof(ProblemTypes.BaseUri))
                    codes.Add(table.Name, (string)field.GetRawConstantValue()!);
        return codes;
    }

    private static bool IsCodeTable(Type t) =>
        t is { IsAbstract: true, IsSealed: true } && (t.Name.EndsWith("RejectionCodes") || t.Name.EndsWith("Problems") || t == typeof(ProblemTypes));

    [Theory]
    [MemberData(nameof(DeclaredCodes))]
    public void every_declared_rejection_code_has_a_status_and_a_problem_type(string table, string code)
    {
        ProblemTypes.Statuses.Should().ContainKey(code, $"{table} declares {code}: add its table to ProblemTypes.Statuses");
        ProblemTypes.Statuses[code].Should().BeInRange(400, 599);
        ProblemTypes.Uri(code).Should().Be("/problems/" + code);
        ProblemTypes.Title(code).Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void the_code_tables_are_found()
    {
        var tables = DeclaredCodes().Select(row => (string)row[0]).Distinct().ToList();
        tables.Should().Contain(["RejectionCodes", "ClaimRejectionCodes", "SkuRejectionCodes", "FulfilmentRejectionCodes", "VenueRejectionCodes",
            "SettlementRejectionCodes", "ProjectionRejectionCodes", "SignatureProblems", "NodeSignatureProblems"]);
    }

    [Fact]
    public async Task a_code_without_a_status_is_answered_as_a_problem_with_a_warning_not_a_crash()
    {
        var logs = new CapturedLog();
        await using var services = new ServiceCollection().AddLogging(l => l.AddProvider(logs)).AddProblemDetails().BuildServiceProvider();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>(),
            services.GetRequiredService<ILogger<ProblemExceptionHandler>>());
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();

        var handled = await handler.TryHandleAsync(http, new Rejected("code-with-no-table", "refused"), CancellationToken.None);

        handled.Should().BeTrue();
        http.Response.StatusCode.Should().Be(ProblemExceptionHandler.UnmappedStatus);
        http.Response.ContentType.Should().StartWith("application/problem+json");
        http.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body);
        problem.GetProperty("type").GetString().Should().Be("/problems/code-with-no-table");
        logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains("code-with-no-table"));
    }

    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
        }
        public void Dispose() { }
    }
}
