using System.Reflection;
using System.Text.Json;
using MicroEvents.EventSourcing;
using MicroEvents.Gateway.Modules;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>
/// The problem map is complete: every rejection code a feature module declares (its <c>CodeTables</c>,
/// the <c>…RejectionCodes</c> and <c>…Problems</c> tables beside its decisions) and every shared code has an
/// HTTP status and a problem type; every such table belongs to a module; and a code that somehow has none
/// is still answered as problem+json instead of crashing the handler.
/// </summary>
public class ProblemMapTests
{
    private static readonly Assembly[] CodeAssemblies =
        [typeof(RejectionCodes).Assembly, typeof(EventJournal).Assembly, typeof(ProblemTypes).Assembly];

    /// <summary>The gateway's own tables; every other table is a feature's and must be named by its module.</summary>
    private static readonly Type[] SharedTables = [typeof(RejectionCodes), typeof(ProblemTypes)];

    public static TheoryData<string, string> DeclaredCodes()
    {
        var codes = new TheoryData<string, string>();
        var tables = GatewayModules.All.SelectMany(m => m.CodeTables.Select(t => (Owner: $"{m.Name} module's {t.Name}", Table: t)))
            .Concat(SharedTables.Select(t => (Owner: t.Name, Table: t)));
        foreach (var (owner, table) in tables)
            foreach (var code in Codes(table))
                codes.Add(owner, code);
        return codes;
    }

    private static IEnumerable<string> Codes(Type table) =>
        table.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && f.Name != nameof(ProblemTypes.BaseUri))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static bool IsCodeTable(Type t) =>
        t is { IsAbstract: true, IsSealed: true } && (t.Name.EndsWith("RejectionCodes") || t.Name.EndsWith("Problems") || t == typeof(ProblemTypes));

    [Theory]
    [MemberData(nameof(DeclaredCodes))]
    public void every_declared_rejection_code_has_a_status_and_a_problem_type(string table, string code)
    {
        ProblemTypes.Statuses.Should().ContainKey(code, $"the {table} declares {code}: give it a status in the table's Statuses (which its module returns as Problems)");
        ProblemTypes.Statuses[code].Should().BeInRange(400, 599);
        ProblemTypes.Uri(code).Should().Be("/problems/" + code);
        ProblemTypes.Title(code).Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void every_code_table_belongs_to_a_feature_module()
    {
        var claimed = GatewayModules.All.SelectMany(m => m.CodeTables).Concat(SharedTables).ToHashSet();
        CodeAssemblies.SelectMany(a => a.GetTypes()).Where(IsCodeTable).Where(t => !claimed.Contains(t)).Select(t => t.FullName)
            .Should().BeEmpty("a feature's code table is only mapped to statuses through its module: add it to that module's CodeTables and Problems");
    }

    [Fact]
    public void a_module_maps_only_its_own_codes()
    {
        foreach (var module in GatewayModules.All)
            module.Problems.Select(p => p.Key).Should().BeSubsetOf(module.CodeTables.SelectMany(Codes), $"the {module.Name} module maps codes of tables it does not name");
    }

    [Fact]
    public void the_code_tables_are_found()
    {
        var tables = DeclaredCodes().Select(row => (string)row[0]).Distinct().ToList();
        tables.Should().Contain(["RejectionCodes", "Claims module's ClaimRejectionCodes", "Skus module's SkuRejectionCodes", "Fulfilment module's FulfilmentRejectionCodes",
            "Venues module's VenueRejectionCodes", "Settlement module's SettlementRejectionCodes", "Projections module's ProjectionRejectionCodes",
            "Claims module's SignatureProblems", "Venues module's NodeSignatureProblems"]);
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
