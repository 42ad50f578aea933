using System.CommandLine;
using MicroEvents.Benchmarks;
using MicroEvents.Benchmarks.Faults;
using MicroEvents.Benchmarks.Reporting;

// The load harness behind the project's headline numbers: see benchmarks/README.md.
var scenarios = new Argument<string[]>("scenario")
{
    Description = $"Scenarios to run: {string.Join(", ", ScenarioNames.Every)} or {ScenarioNames.All} (default); or {ScenarioNames.Fault} alone (the fault suite)",
    Arity = ArgumentArity.ZeroOrMore,
};
scenarios.AcceptOnlyFromAmong([.. ScenarioNames.Every, ScenarioNames.All, ScenarioNames.Fault]);
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers of the headline level (targets, many-drops); for fault: phones (default 48)", DefaultValueFactory = _ => 500 };
var sweep = new Option<string?>("--sweep") { Description = "Concurrency levels for hot-drop, hot-drop-http and baseline-sql (default 1,50,500,2000; --quick: --concurrency only)" };
var supply = new Option<long?>("--supply") { Description = "Supply of the hot drop (default 100000; --quick: 5000)" };
var quick = new Option<bool>("--quick") { Description = "Smoke run: small sizes, one concurrency level, every correctness check; a few minutes on 2 cores (its sustained stages and their warm-ups are most of it)" };
var cluster = new Option<bool>("--cluster") { Description = "Drive a running cluster (Orleans gateway + HTTP gateway) instead of an in-process silo; needs --connection-string for the audits" };
var connection = new Option<string?>("--connection-string") { Description = "PostgreSQL server (default: a local PostgreSQL under <out>/.pgdata); a fresh bench_<timestamp> database is created unless --cluster" };
var snapshotEvery = new Option<int>("--snapshot-every") { Description = "Snapshot interval of the in-process silo (0 = off)", DefaultValueFactory = _ => 10_000 };
var output = new Option<string>("--out") { Description = "Results folder (JSON, Markdown, PNG)", DefaultValueFactory = _ => Path.Combine("benchmarks", "results") };
var gatewayUrl = new Option<string>("--gateway-url") { Description = "With --cluster: the HTTP gateway", DefaultValueFactory = _ => "http://localhost:5080" };
var clusterId = new Option<string>("--cluster-id") { Description = "With --cluster: the Orleans cluster id; silos are found in the membership table of --connection-string", DefaultValueFactory = _ => "microevents" };
var schema = new Option<string>("--schema") { Description = "Marten schema of the event streams", DefaultValueFactory = _ => "microevents" };
var levelSeconds = new Option<int?>("--level-seconds") { Description = "Stop a load level after this many seconds even if supply remains (default 30; --quick: 20)" };
var keepDatabase = new Option<bool>("--keep-database") { Description = "Keep the bench_<timestamp> database for inspection" };
var warmup = new Option<long?>("--warmup") { Description = "Claims on a throw-away drop before measuring (default 20000; --quick: 1000)" };
var liveSubscribers = new Option<int>("--live-subscribers") { Description = "Live streams (SSE) watching the drop during hot-drop-live", DefaultValueFactory = _ => 1_000 };
var limits = new Option<bool>("--limits") { Description = "Run the in-process gateway with its abuse limits on (counted cluster-wide), set so high that none refuses: their cost on the claim path" };
var windowSeconds = new Option<int?>("--window-seconds") { Description = "Sustained scenarios (default): seconds of the measured steady-state window (default 20; --quick: 10)" };
var sustainWarmup = new Option<int?>("--sustain-warmup") { Description = "Sustained scenarios: seconds of load before the window opens (default 30; --quick: 10)" };
var catchUp = new Option<int>("--catch-up-seconds") { Description = "Sustained scenarios: how long readers get to reach the head after the load stops", DefaultValueFactory = _ => 120 };
var feedsFromStorage = new Option<bool>("--feeds-from-storage") { Description = "default: feeds read every event back from PostgreSQL (Feeds:FromMemory=false), to compare with the journal handing them what it committed" };
var render = new Option<string?>("--render") { Description = "Run nothing: re-render the Markdown summary and chart of an earlier run-<ts>.json" };

var root = new RootCommand("MicroEvents load harness: claims against drops through grains, HTTP and a one-transaction-per-claim SQL baseline.");
root.Arguments.Add(scenarios);
foreach (var option in new Option[] { concurrency, sweep, supply, quick, cluster, connection, snapshotEvery, output, gatewayUrl, clusterId, schema, levelSeconds, keepDatabase, warmup, render, liveSubscribers, limits, windowSeconds, sustainWarmup, catchUp, feedsFromStorage })
    root.Options.Add(option);

root.SetAction(async (ParseResult parse, CancellationToken ct) =>
{
    if (parse.GetValue(render) is { } earlier)
        return ResultFiles.Render(earlier);

    var isQuick = parse.GetValue(quick);
    var headline = parse.GetValue(concurrency);
    if (headline < 1)
    {
        Console.Error.WriteLine("--concurrency must be at least 1");
        return 2;
    }

    var levels = ConcurrencyLevels.Parse(parse.GetValue(sweep), headline, isQuick);
    if (levels is null)
    {
        Console.Error.WriteLine("--sweep must be a comma-separated list of positive integers, e.g. 1,50,500,2000");
        return 2;
    }

    var requested = parse.GetValue(scenarios) ?? [];
    if (requested.Contains(ScenarioNames.Fault))
    {
        if (requested.Length > 1 || parse.GetValue(cluster) || parse.GetValue(connection) is not null)
        {
            Console.Error.WriteLine($"{ScenarioNames.Fault} runs alone, on a PostgreSQL and a silo process of its own: no other scenario, --cluster or --connection-string");
            return 2;
        }
        var plan = new FaultPlan();
        if (parse.GetResult(concurrency) is { Implicit: false }) plan = plan with { Phones = headline };
        return await FaultRun.Execute(new BenchmarkSettings
        {
            Scenarios = [ScenarioNames.Fault],
            Sweep = [],
            OutputDirectory = Path.GetFullPath(parse.GetValue(output)!),
            Schema = parse.GetValue(schema)!,
            KeepDatabase = parse.GetValue(keepDatabase),
        }, plan, ct);
    }

    var chosen = parse.GetValue(scenarios) is { Length: > 0 } named && !named.Contains(ScenarioNames.All)
        ? ScenarioNames.Every.Where(named.Contains).ToArray()
        : ScenarioNames.Every;
    var hotSupply = parse.GetValue(supply) ?? (isQuick ? 5_000 : 100_000);
    var settings = new BenchmarkSettings
    {
        Scenarios = chosen,
        Concurrency = headline,
        Sweep = levels,
        Supply = hotSupply,
        Quick = isQuick,
        Cluster = parse.GetValue(cluster),
        ConnectionString = parse.GetValue(connection),
        SnapshotEvery = parse.GetValue(snapshotEvery),
        OutputDirectory = Path.GetFullPath(parse.GetValue(output)!),
        ClusterGatewayUrl = parse.GetValue(gatewayUrl)!,
        ClusterId = parse.GetValue(clusterId)!,
        Schema = parse.GetValue(schema)!,
        KeepDatabase = parse.GetValue(keepDatabase),
        LevelTimeLimit = TimeSpan.FromSeconds(parse.GetValue(levelSeconds) ?? (isQuick ? 20 : 30)),
        BaselineSupplyCap = isQuick ? hotSupply : Math.Min(hotSupply, 20_000),
        BaselineTimeLimit = TimeSpan.FromSeconds(isQuick ? 15 : 20),
        ManyDropsCount = isQuick ? 100 : 1_000,
        ManyDropsSupply = isQuick ? 50 : 200,
        ColdStartEvents = isQuick ? 5_000 : 100_000,
        ColdStartSnapshotEvery = isQuick ? 1_000 : 10_000,
        WarmupClaims = parse.GetValue(warmup) ?? (isQuick ? 1_000 : 20_000),
        LiveSubscribers = Math.Max(1, parse.GetValue(liveSubscribers)),
        AbuseLimits = parse.GetValue(limits),
        FeedsFromStorage = parse.GetValue(feedsFromStorage),
        Sustained = new MicroEvents.Benchmarks.Measurement.SustainedPlan(
            TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(sustainWarmup) ?? (isQuick ? 10 : 30))),
            TimeSpan.FromSeconds(Math.Max(3, parse.GetValue(windowSeconds) ?? (isQuick ? 10 : 20))),
            TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(catchUp)))),
    };

    if (settings.Cluster && string.IsNullOrWhiteSpace(settings.ConnectionString))
    {
        Console.Error.WriteLine("--cluster needs --connection-string: the correctness audits read the cluster's event streams.");
        return 2;
    }

    return await BenchmarkRun.Execute(settings, ct);
});

return await root.Parse(args).InvokeAsync();
