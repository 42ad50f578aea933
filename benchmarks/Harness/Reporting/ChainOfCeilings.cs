using MicroEvents.Benchmarks.Measurement;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>
/// Issue #30's chain of ceilings, from one run: raw PostgreSQL (multi-row inserts of journal-shaped rows) → the journal
/// alone → a hot drop through grain calls → HTTP on the co-hosted gateway → HTTP through a separate gateway process →
/// the default system sustained, readers off → with every reader on; each link as a ratio of the one before, and the
/// issue's targets judged on the same run (reported, never asserted; not judged on --quick runs). Ratios and CPU per
/// claim from one run are what to compare on a shared machine: absolute claims/s move with the machine's other load.
/// </summary>
public static class ChainOfCeilings
{
    /// <summary>The journal-ceiling batch size compared with raw PostgreSQL (a hot drop's appends hold a few hundred mints).</summary>
    public const int JournalBatch = 500;

    public static IReadOnlyList<ChainLink> Links(int concurrency, IReadOnlyList<ScenarioResult> scenarios, IReadOnlyList<AppendProbe> probes)
    {
        var probe = probes.Where(p => p.RawEventsPerSecond is > 0).OrderBy(p => Math.Abs(p.BatchSize - JournalBatch)).FirstOrDefault();
        ScenarioResult? At(string s) => scenarios.FirstOrDefault(r => r.Scenario == s && r.Concurrency == concurrency);
        var stages = new List<(string Stage, double? PerSecond, CpuPerClaim? Cpu)>
        {
            ($"raw PostgreSQL, {probe?.BatchSize ?? JournalBatch} rows per transaction", probe?.RawEventsPerSecond, null),
            ($"journal alone, {probe?.BatchSize ?? JournalBatch} events per append", probe?.EventsPerSecond, null),
        };
        foreach (var s in new[] { ScenarioNames.HotDrop, ScenarioNames.HotDropHttp, ScenarioNames.HotDropHttpGateway, ScenarioNames.DefaultReadersOff, ScenarioNames.Default })
            stages.Add((s, At(s)?.ClaimsPerSecond, At(s)?.Cpu));

        var links = new List<ChainLink>();
        double? previous = null;
        foreach (var (stage, perSecond, cpu) in stages)
        {
            links.Add(new ChainLink(stage, perSecond, perSecond is > 0 && previous is > 0 ? Math.Round(perSecond.Value / previous.Value, 2) : null,
                cpu?.HarnessUs, cpu?.ChildProcessesUs, cpu?.PostgresUs));
            if (perSecond is > 0) previous = perSecond;
        }
        return links;
    }

    /// <summary>Issue #30's targets, each measured, met or missed (null: not judged, with the reason in the note).</summary>
    public static IEnumerable<TargetResult> Targets(BenchmarkSettings settings, IReadOnlyList<ScenarioResult> scenarios, IReadOnlyList<AppendProbe> probes)
    {
        var c = settings.Concurrency;
        var judge = !settings.Quick;
        var why = judge ? null : "quick run: sizes too small to judge speed";
        ScenarioResult? At(string s) => scenarios.FirstOrDefault(r => r.Scenario == s && r.Concurrency == c);
        TargetResult Ratio(string name, string scenario, string goal, double measured, double bound, string detail, bool atMost = false) =>
            new(name, scenario, c, goal, detail, Math.Round(atMost ? bound / Math.Max(measured, 1e-9) : measured / bound, 2),
                judge ? (atMost ? measured <= bound : measured >= bound) : null, why);

        var all = At(ScenarioNames.Default);
        var off = At(ScenarioNames.DefaultReadersOff);
        if (all is not null && off is { ClaimsPerSecond: > 0 })
        {
            var ratio = all.ClaimsPerSecond / off.ClaimsPerSecond;
            yield return Ratio("#30 default ≥ 0.8× readers-off, sustained", ScenarioNames.Default, "≥ 0.8× default-readers-off", ratio, 0.8,
                $"{ratio:0.00}× ({all.ClaimsPerSecond:N0} against {off.ClaimsPerSecond:N0} claims/s)");
            if (all.Cpu?.PostgresUs is > 0 and var pgAll && off.Cpu?.PostgresUs is > 0 and var pgOff)
                yield return Ratio("#30 PostgreSQL CPU per claim ≤ 1.5× readers-off", ScenarioNames.Default, "≤ 1.5× default-readers-off", pgAll / pgOff, 1.5,
                    $"{pgAll / pgOff:0.00}× ({pgAll:0} against {pgOff:0} µs per claim)", atMost: true);
        }
        if (all is not null)
        {
            // Judged over the measured window, as issue #30 measured it (wrk's 20 s after a 30-s warm-up); the whole load's p99 is shown beside it.
            var p99 = all.Sustained?.Latency is { Count: > 0 } window ? window.P99Ms : all.Latency.P99Ms;
            yield return new TargetResult("#30 default p99 ≤ 100 ms at 200 connections", ScenarioNames.Default, c, "≤ 100 ms",
                $"{p99:0.0} ms at {c} connections in the window ({all.Latency.P99Ms:0.0} ms over the whole load, warm-up included)",
                Math.Round(100 / Math.Max(p99, 0.001), 2), judge && c == 200 ? p99 <= 100 : null, c == 200 ? why : $"measured at {c} connections; run with --concurrency 200");
            foreach (var name in new[] { "no reader's lag grows", "no 503 under load" })
                if (all.Checks.Where(k => k.Name.StartsWith(name == "no 503 under load" ? name : "reader", StringComparison.Ordinal)).ToList() is { Count: > 0 } checks)
                    yield return new TargetResult($"#30 {name}", ScenarioNames.Default, c, name, string.Join("; ", checks.Select(k => k.Detail)), null,
                        checks.All(k => k.Passed), "a correctness check of the run too");
        }
        if (At(ScenarioNames.DefaultVersusReadersOff)?.Alternating is { Against.ClaimsPerSecond: > 0 } turns)
        {
            yield return Ratio("#30 default ≥ 0.8× readers-off, alternating windows", ScenarioNames.DefaultVersusReadersOff, "≥ 0.8× readers-off in the other windows",
                turns.Ratio, 0.8, $"{turns.Ratio:0.00}× ({turns.Measured.ClaimsPerSecond:N0} against {turns.Against.ClaimsPerSecond:N0} claims/s)");
            if (turns.PostgresRatio is { } pg)
                yield return Ratio("#30 PostgreSQL CPU per claim ≤ 1.5× readers-off, alternating windows", ScenarioNames.DefaultVersusReadersOff, "≤ 1.5× readers-off in the other windows",
                    pg, 1.5, $"{pg:0.00}× ({turns.Measured.Cpu.PostgresUs:0} against {turns.Against.Cpu.PostgresUs:0} µs per claim)", atMost: true);
        }
        var http = At(ScenarioNames.HotDropHttp);
        var separate = At(ScenarioNames.HotDropHttpGateway);
        if (http is { ClaimsPerSecond: > 0 } && separate is not null)
        {
            var ratio = separate.ClaimsPerSecond / http.ClaimsPerSecond;
            yield return Ratio("#30 separate gateway ≥ 0.6× co-hosted", ScenarioNames.HotDropHttpGateway, "≥ 0.6× hot-drop-http", ratio, 0.6,
                $"{ratio:0.00}× ({separate.ClaimsPerSecond:N0} against {http.ClaimsPerSecond:N0} claims/s)");
        }
        var probe = probes.Where(p => p.OfRaw is not null).OrderBy(p => Math.Abs(p.BatchSize - JournalBatch)).FirstOrDefault();
        if (probe?.OfRaw is { } ofRaw)
            yield return Ratio("#30 journal ≥ 0.8× raw PostgreSQL", ScenarioNames.JournalCeiling, $"≥ 0.8× raw inserts, {probe.BatchSize} events per append", ofRaw, 0.8,
                $"{ofRaw:0.00}× ({probe.EventsPerSecond:N0} against {probe.RawEventsPerSecond:N0} events/s)");
    }
}

/// <summary>One link of the chain: events or claims per second, its ratio to the link before, CPU µs per claim by process group.</summary>
public sealed record ChainLink(string Stage, double? PerSecond, double? OfPrevious, double? HarnessUs, double? ChildProcessesUs, double? PostgresUs);
