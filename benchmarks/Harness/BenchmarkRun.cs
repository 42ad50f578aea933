using MicroEvents.LocalStandIns.Chain;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;
using Microsoft.Extensions.Configuration;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Access;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Benchmarks.Scenarios;
using MicroEvents.EventSourcing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MicroEvents.Benchmarks;

/// <summary>
/// One run: PostgreSQL and a fresh database, an in-process silo (or a running cluster), the chosen
/// scenarios in a fixed order, then JSON + Markdown + PNG. Exit code 0 only if every correctness check passed.
/// </summary>
public static class BenchmarkRun
{
    public static async Task<int> Execute(BenchmarkSettings settings, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var runId = started.ToString("yyyyMMdd'T'HHmmss'Z'");
        var tag = runId.ToLowerInvariant();
        using var logs = HarnessLogging.Factory(LogLevel.Information);
        var log = logs.CreateLogger("MicroEvents.Benchmarks");
        Progress.Line($"run {runId}: {string.Join(", ", settings.Scenarios)}; concurrency {string.Join("/", settings.Sweep)} (headline {settings.Concurrency}); " +
            $"supply {settings.Supply:N0}{(settings.Quick ? "; quick" : "")}{(settings.Cluster ? "; against a running cluster" : "")}; {Environment.ProcessorCount} cores");

        var scenarios = new List<ScenarioResult>();
        var coldStarts = new List<ColdStartResult>();
        var probes = new List<AppendProbe>();
        var calls = new List<CallProbe>();
        var errors = new List<string>();
        string database;

        await using (var db = await BenchDatabase.Open(settings, tag, log, ct))
        {
            database = db.Server;
            using var store = JournalStore.Create(db.ConnectionString, settings.Schema);
            if (!settings.Cluster) await JournalStore.ApplySchema(store);
            var context = new ScenarioContext(settings, db, store, tag, await ProcessCpu.For(db.ConnectionString, ct));

            async Task Attempt(string what, Func<Task> step)
            {
                try
                {
                    await step();
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    errors.Add($"{what}: {e.GetType().Name}: {e.Message}");
                    Progress.Line($"{what} FAILED: {e}");
                }
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            void Record(ScenarioResult r)
            {
                scenarios.Add(r);
                Progress.Line($"  {r.Scenario} @{r.Concurrency}: {r.Accepted:N0} accepted, {r.Rejected:N0} rejected, {r.ClaimsPerSecond:N0}/s, " +
                    $"p50 {r.Latency.P50Ms:0.0} p99 {r.Latency.P99Ms:0.0} ms, mints/append {r.MintsPerAppend?.ToString("0.0") ?? "-"}" +
                    (r.AppendCycles is { } cycles ? $", an append every {cycles.GapMsP50:0.0} ms (p50)" : "") + $", {(r.Passed ? "correct" : "INCORRECT")}");
            }

            Task<IGrainCluster> OpenCluster(int snapshotEvery) => settings.Cluster
                ? ClusterConnection.Connect(db.ConnectionString, settings.Schema, settings.ClusterId, ct).ContinueWith(t => (IGrainCluster)t.Result, ct)
                : GrainSilo.Start(store, snapshotEvery, ct).ContinueWith(t => (IGrainCluster)t.Result, ct);

            if (settings.Runs(ScenarioNames.HotDrop) || settings.Runs(ScenarioNames.HotDropReceipts) || settings.Runs(ScenarioNames.HotDropProjections) || settings.Runs(ScenarioNames.ManyDrops)
                || settings.Runs(ScenarioNames.HotDropSustained) || settings.Runs(ScenarioNames.ManyDropsSustained) || settings.Runs(ScenarioNames.ManyVersusHot)
                || settings.Runs(ScenarioNames.CallCeiling))
            {
                await Attempt("grain scenarios", async () =>
                {
                    await using var cluster = await OpenCluster(settings.SnapshotEvery);
                    await Warmup.Grains(context, cluster, "warm-grains", ct);
                    if (settings.Runs(ScenarioNames.HotDrop))
                        foreach (var level in settings.Sweep)
                            await Attempt($"hot-drop @{level}", async () => Record(await new HotDrop(context, cluster).Run(level, ct)));
                    if (settings.Runs(ScenarioNames.HotDropReceipts))
                        await Attempt($"hot-drop-receipts @{settings.Concurrency}", async () =>
                            Record(ReceiptAudit.Compared(await new HotDrop(context, cluster).Run(settings.Concurrency, ct, receipts: true), scenarios)));
                    if (settings.Runs(ScenarioNames.ManyDrops))
                        await Attempt("many-drops", async () => Record(await new ManyDrops(context, cluster).Run(settings.Concurrency, ct)));
                    // hot first, so many-drops-sustained runs on the larger event table: any bias is against the target.
                    if (settings.Runs(ScenarioNames.HotDropSustained))
                        await Attempt(ScenarioNames.HotDropSustained, async () => Record(await new HotDrop(context, cluster).RunSustained(settings.Concurrency, ct)));
                    if (settings.Runs(ScenarioNames.ManyDropsSustained))
                        await Attempt(ScenarioNames.ManyDropsSustained, async () => Record(await new ManyDrops(context, cluster).RunSustained(settings.Concurrency, ct)));
                    if (settings.Runs(ScenarioNames.ManyVersusHot))
                        await Attempt(ScenarioNames.ManyVersusHot, async () => Record(await new ManyVersusHot(context, cluster).Run(settings.Concurrency, ct)));
                    // Last on this silo: once started, the daemon keeps following every later scenario's events.
                    if (settings.Runs(ScenarioNames.HotDropProjections))
                        await Attempt($"hot-drop-projections @{settings.Concurrency}", async () =>
                            Record(await new HotDropProjections(context, cluster).Run(settings.Concurrency, scenarios, ct)));
                    if (settings.Runs(ScenarioNames.CallCeiling))
                        await Attempt("call-ceiling", async () => calls.Add(await new CallCeiling(context, cluster).Run(settings.Concurrency, ct)));
                });
            }

            if (settings.Runs(ScenarioNames.HotDropSettlement))
            {
                // Its own silo and chain, so the other scenarios run without settlement.
                await Attempt($"hot-drop-settlement @{settings.Concurrency}", async () =>
                {
                    await using var anvil = await LocalAnvil.StartAsync(blockTime: 1, ct: ct);
                    await using var cluster = await GrainSilo.Start(store, settings.SnapshotEvery, ct, silo => silo.AddSettlement(
                        new ConfigurationBuilder().Build(), o => (o.RpcUrl, o.SignerKey) = (anvil.RpcUrl, LocalAnvil.DevelopmentKey)));
                    await Warmup.Grains(context, cluster, "warm-settlement", ct);
                    var result = await new HotDrop(context, cluster).Run(settings.Concurrency, ct, receipts: true, variant: ScenarioNames.HotDropSettlement);
                    var settlement = cluster.Grains.GetGrain<ISettlementGrain>(SettlementKey.Of(31337, new Nethereum.Signer.EthECKey(LocalAnvil.DevelopmentKey).GetPublicAddress()));
                    Record(await SettlementAudit.Compared(result, scenarios, settlement, context.DropId($"{ScenarioNames.HotDropSettlement}-c{settings.Concurrency}")));
                });
            }

            if (settings.Runs(ScenarioNames.HotDropMerch) && !settings.Cluster)
            {
                // Its own silo: the mint feed it runs must not weigh on the other grain scenarios' numbers.
                await Attempt($"hot-drop-merch @{settings.Concurrency}", async () =>
                {
                    await using var cluster = await GrainSilo.Start(store, settings.SnapshotEvery, ct, fulfilment: true);
                    await Warmup.Grains(context, cluster, "warm-merch", ct);
                    Record(await new HotDropMerch(context, cluster).Run(settings.Concurrency, scenarios, ct));
                });
            }

            if (settings.Runs(ScenarioNames.BaselineSql))
            {
                await Attempt("baseline-sql", async () =>
                {
                    await using var baseline = new BaselineSql(context);
                    await baseline.Prepare(ct);
                    foreach (var level in settings.Sweep)
                        await Attempt($"baseline-sql @{level}", async () => Record(await baseline.Run(level, ct)));
                });
            }

            // A stage on a fresh database of the same server, so it measures its own load and not a catch-up: sharing the run's,
            // `default`'s receipt sealing once started 1.1 M events behind (every earlier stage's mints), and the HTTP stages'
            // feeds read every earlier stage's events first (242 µs of PostgreSQL a claim while measured). The run's database
            // when the harness did not create it (--connection-string to an existing one).
            async Task OnOwnDatabase(string name, Func<BenchDatabase, JournalDocumentStore, ScenarioContext, Task> stage)
            {
                await using var own = settings.Cluster ? null : await db.Sibling(name, ct);
                if (own is null)
                {
                    await stage(db, store, context);
                    return;
                }
                using var ownStore = JournalStore.Create(own.ConnectionString, settings.Schema);
                await JournalStore.ApplySchema(ownStore);
                await stage(own, ownStore, context.On(own, ownStore));
            }

            if (settings.Runs(ScenarioNames.HotDropHttp) || settings.Runs(ScenarioNames.HotDropLive))
            {
                await Attempt("hot-drop-http", () => OnOwnDatabase(ScenarioNames.HotDropHttp, async (stageDb, stageStore, stage) =>
                {
                    // The readers off, as in the chain's HTTP stages (default adds them last).
                    await using var gateway = settings.Cluster ? null : await GatewaySilo.Start(stageStore, stageDb.ConnectionString, settings.SnapshotEvery, settings.Schema, ct,
                        settings.AbuseLimits, readersOff: true);
                    var address = gateway?.BaseAddress ?? new Uri(settings.ClusterGatewayUrl.TrimEnd('/') + "/");
                    // An operator key in the benchmark's own database, so --cluster needs none handed to it.
                    var (_, apiKey) = await new ApiKeyStore(new AccessDatabase(stageStore), TimeProvider.System).Create(AccessRole.Operator, "benchmark harness", DateTimeOffset.UtcNow.AddHours(2), ct);
                    await HotDropHttp.Warm(stage, address, apiKey, ct);
                    if (settings.Runs(ScenarioNames.HotDropHttp))
                        foreach (var level in settings.Sweep)
                            await Attempt($"hot-drop-http @{level}", async () => Record(await new HotDropHttp(stage, address, apiKey).Run(level, ct)));
                    if (settings.Runs(ScenarioNames.HotDropLive))
                        await Attempt($"hot-drop-live @{settings.Concurrency}", async () => Record(await new HotDropLive(stage, address, apiKey).Run(settings.Concurrency, ct)));
                }));
            }

            if (settings.Runs(ScenarioNames.HotDropHttpGateway) && !settings.Cluster)
            {
                // A silo in this process with membership in PostgreSQL, and the gateway as its own process: cluster mode's hop.
                await Attempt($"hot-drop-http-gateway @{settings.Concurrency}", () => OnOwnDatabase(ScenarioNames.HotDropHttpGateway, async (stageDb, stageStore, stage) =>
                {
                    var clusterId = $"bench-{tag}";
                    var claimKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                    await using var silo = await GatewaySilo.Start(stageStore, stageDb.ConnectionString, settings.SnapshotEvery, settings.Schema, ct, settings.AbuseLimits,
                        readersOff: true, clusterId: clusterId, claimKey: claimKey);
                    await using var gateway = await GatewayProcess.Start(stageDb.ConnectionString, settings.Schema, clusterId, claimKey,
                        Path.Combine(settings.OutputDirectory, $"run-{runId}-gateway.log"), ct);
                    var (_, apiKey) = await new ApiKeyStore(new AccessDatabase(stageStore), TimeProvider.System).Create(AccessRole.Operator, "benchmark harness", DateTimeOffset.UtcNow.AddHours(2), ct);
                    await HotDropHttp.Warm(stage, gateway.BaseAddress, apiKey, ct, "warm-gateway");
                    Record(await new HotDropHttp(stage, gateway.BaseAddress, apiKey, ScenarioNames.HotDropHttpGateway,
                        $"HTTP through a separate gateway process (pid {gateway.ProcessId}; its CPU is under child processes)").Run(settings.Concurrency, ct));
                }));
            }

            async Task<ScenarioResult> Sustained(bool readersOff)
            {
                ScenarioResult? result = null;
                await OnOwnDatabase(readersOff ? ScenarioNames.DefaultReadersOff : ScenarioNames.Default,
                    async (_, _, stage) => result = await new DefaultSystem(stage).Run(settings.Concurrency, ct, readersOff));
                return result!;
            }

            // Their own one-command silos, after the scenarios that want the readers off: the same sustained run without, then with every reader.
            if (settings.Runs(ScenarioNames.DefaultReadersOff) && !settings.Cluster)
                await Attempt($"default-readers-off @{settings.Concurrency}", async () => Record(await Sustained(readersOff: true)));
            if (settings.Runs(ScenarioNames.Default) && !settings.Cluster)
                await Attempt($"default @{settings.Concurrency}", async () => Record(await Sustained(readersOff: false)));
            // Both one-command silos at once, each on its own database.
            if (settings.Runs(ScenarioNames.DefaultVersusReadersOff) && !settings.Cluster)
                await Attempt($"{ScenarioNames.DefaultVersusReadersOff} @{settings.Concurrency}", () =>
                    OnOwnDatabase($"{ScenarioNames.DefaultVersusReadersOff}-on", (_, _, on) => OnOwnDatabase($"{ScenarioNames.DefaultVersusReadersOff}-off",
                        async (_, _, off) => Record(await new DefaultVersusReadersOff(on, off).Run(settings.Concurrency, ct)))));

            if (settings.Runs(ScenarioNames.ColdStart))
                await Attempt("cold-start", async () => coldStarts.AddRange(await new ColdStart(context).Run(OpenCluster, ct)));

            if (settings.Runs(ScenarioNames.JournalCeiling))
                await Attempt("journal-ceiling", async () => probes.AddRange(await new JournalCeiling(context).Run(ct)));
        }

        ct.ThrowIfCancellationRequested();
        var report = new RunReport
        {
            RunId = runId,
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            Machine = MachineInfo.Current(),
            Settings = settings with { ConnectionString = Redacted(settings.ConnectionString) },
            Database = database,
            Definitions = Definitions(settings),
            Scenarios = scenarios,
            ColdStarts = coldStarts,
            Comparisons = settings.Sweep.Select(c => new Comparison(c, Rate(scenarios, ScenarioNames.HotDrop, c),
                Rate(scenarios, ScenarioNames.HotDropHttp, c), Rate(scenarios, ScenarioNames.BaselineSql, c))).ToList(),
            Targets = [.. Targets.Evaluate(settings, scenarios, coldStarts), .. ChainOfCeilings.Targets(settings, scenarios, probes)],
            Chain = ChainOfCeilings.Links(settings.Concurrency, scenarios, probes),
            JournalCeiling = probes,
            CallCeiling = calls,
            Errors = errors,
        };

        var markdown = MarkdownTable.Render(report);
        Console.Out.Write(markdown);
        foreach (var file in ResultFiles.Write(report, markdown, settings.OutputDirectory))
            Progress.Line($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, file)}");
        return report.CorrectnessPassed ? 0 : 1;
    }

    private static double? Rate(List<ScenarioResult> scenarios, string scenario, int concurrency) =>
        scenarios.FirstOrDefault(s => s.Scenario == scenario && s.Concurrency == concurrency)?.ClaimsPerSecond;

    private static string? Redacted(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password)) builder.Password = "***";
        return builder.ConnectionString;
    }

    private static Dictionary<string, string> Definitions(BenchmarkSettings settings) => new()
    {
        ["claimsPerSecond"] = Measurement.SteadyThroughput.Definition,
        ["overallClaimsPerSecond"] = "accepted claims ÷ time from the first call to the last answer of the level",
        ["latency"] = "per claim call, Stopwatch timestamps at the caller around the awaited call, HdrHistogram in µs (3 significant digits); " +
            "'latency' covers every call (accepted and rejected), 'acceptedLatency' accepted ones only",
        ["load"] = $"closed loop: N callers take the next claim index from a shared counter until supply + max(100, {settings.Overshoot:P0}) claims are taken " +
            $"(the overshoot exercises sold-out rejections) or the level's time limit passes; each claim has its own claim id and wallet",
        ["mintAppends"] = "distinct batch ids among the stream's event ids (AppendBatch: the first 12 bytes of every id) (one per append of this stream; appends of several streams may share a PostgreSQL transaction) minus the 2 setup appends; " +
            "mintsPerAppend = accepted ÷ mintAppends shows group commit; for baseline-sql every claim is its own transaction",
        ["correctness"] = "no token number twice; numbers exactly 1..minted; minted ≤ supply; the drop's minted count = accepted; " +
            "Marten stream length = 2 + accepted (baseline: claim rows = accepted); no failed calls. Any failure exits non-zero",
        ["coldStart"] = "build a drop with the given mints, deactivate it (ForceActivationCollection, or a fresh silo), then time the first call " +
            "(GetSummary: activation, snapshot + tail read) and the first claim after it; median of 3 cycles",
        ["baselineSql"] = $"one pooled connection ({settings.BaselinePoolSize} max) and one transaction per claim: update … set minted = minted + 1 where minted < supply " +
            $"returning minted, insert claim row (unique per wallet), commit; supply capped at {settings.BaselineSupplyCap:N0}, {settings.BaselineTimeLimit.TotalSeconds:0} s per level",
        ["appendCycles"] = "single-stream levels: medians over the mint appends of events per append and of the time between consecutive append " +
            "transactions (server timestamps); compare with journalCeiling's time per append of the same size to see how much of a cycle is storage",
        ["journalCeiling"] = "diagnostic: the product's EventJournal.Append called back to back by one writer with fixed batch sizes (TokenMinted events, " +
            "no Orleans), i.e. what storage alone allows a single drop stream",
        ["callCeiling"] = "diagnostic: the headline number of callers sending read-only GetSummary calls to one drop activation (no storage) for a few seconds: " +
            "what Orleans messaging and one activation allow before any decision, fold or append",
        ["cpuPerClaim"] = Measurement.CpuPerClaim.Definition + "; burst levels: over the whole level (load only, not the audits)",
        ["sustained"] = Measurement.SustainedResult.Definition,
        ["readerLag"] = Measurement.ReaderLag.Definition,
        ["alternating"] = Reporting.AlternatingResult.Definition,
        ["manyVersusHot"] = ManyVersusHot.Definition,
        ["defaultVersusReadersOff"] = DefaultVersusReadersOff.Definition,
        ["runtimePauses"] = Measurement.RuntimePauseResult.Definition,
        ["topStatements"] = "pg_stat_statements over the sustained window, this database only, by total execution time: calls and execution µs per acknowledged claim " +
            "(optional: the harness's own PostgreSQL preloads it; otherwise the result says it is unavailable)",
        ["targets"] = "the issue's targets for a 2-core machine, reported as measured ÷ goal (≥ 1 = met); never asserted, and not judged on --quick runs",
    };
}
