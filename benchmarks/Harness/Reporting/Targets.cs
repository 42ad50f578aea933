namespace MicroEvents.Benchmarks.Reporting;

/// <summary>
/// The speed targets (2-core machine), judged against one run. They are reported, never asserted:
/// a missed target does not fail the run; only correctness does. Quick runs are too small to judge.
/// </summary>
public static class Targets
{
    public const double HotDropClaimsPerSecond = 30_000;
    public const double HotDropP99Ms = 50;
    public const double TimesBaseline = 50;
    public const double HttpClaimsPerSecond = 8_000;
    public const double HttpP99Ms = 100;
    public const double ColdStartMs = 300;
    public const long TargetSupply = 100_000;
    public const long TargetColdStartEvents = 100_000;

    public static IReadOnlyList<TargetResult> Evaluate(BenchmarkSettings settings, IReadOnlyList<ScenarioResult> scenarios, IReadOnlyList<ColdStartResult> coldStarts)
    {
        var c = settings.Concurrency;
        var judge = !settings.Quick && settings.Supply == TargetSupply;
        var why = settings.Quick ? "quick run: sizes too small to judge speed" : $"supply {settings.Supply:N0} ≠ {TargetSupply:N0}";
        var cores = Environment.ProcessorCount == 2 ? null : $"targets are for 2 cores; this machine has {Environment.ProcessorCount}";
        var results = new List<TargetResult>();

        ScenarioResult? At(string scenario) => scenarios.FirstOrDefault(s => s.Scenario == scenario && s.Concurrency == c);
        void Add(string name, string scenario, string goal, string measured, double ratio, bool assess, string? note = null) =>
            results.Add(new TargetResult(name, scenario, scenario == ScenarioNames.ColdStart ? null : c, goal, measured, Math.Round(ratio, 2),
                assess ? ratio >= 1 : null, note ?? (assess ? cores : why)));

        var hot = At(ScenarioNames.HotDrop);
        if (hot is not null)
        {
            Add("hot-drop throughput", ScenarioNames.HotDrop, $"≥ {HotDropClaimsPerSecond:N0} claims/s", $"{hot.ClaimsPerSecond:N0} claims/s",
                hot.ClaimsPerSecond / HotDropClaimsPerSecond, judge);
            Add("hot-drop p99", ScenarioNames.HotDrop, $"≤ {HotDropP99Ms} ms", $"{hot.Latency.P99Ms:0.0} ms", HotDropP99Ms / Math.Max(hot.Latency.P99Ms, 0.001), judge);
        }

        var baseline = At(ScenarioNames.BaselineSql);
        if (hot is not null && baseline is { ClaimsPerSecond: > 0 })
        {
            var times = hot.ClaimsPerSecond / baseline.ClaimsPerSecond;
            Add("hot-drop ÷ baseline-sql", ScenarioNames.HotDrop, $"≥ {TimesBaseline}×", $"{times:0.0}×", times / TimesBaseline, judge);
        }

        var http = At(ScenarioNames.HotDropHttp);
        if (http is not null)
        {
            Add("hot-drop-http throughput", ScenarioNames.HotDropHttp, $"≥ {HttpClaimsPerSecond:N0} claims/s", $"{http.ClaimsPerSecond:N0} claims/s",
                http.ClaimsPerSecond / HttpClaimsPerSecond, judge);
            Add("hot-drop-http p99", ScenarioNames.HotDropHttp, $"≤ {HttpP99Ms} ms", $"{http.Latency.P99Ms:0.0} ms", HttpP99Ms / Math.Max(http.Latency.P99Ms, 0.001), judge);
        }

        var live = At(ScenarioNames.HotDropLive);
        if (live is not null && http is { ClaimsPerSecond: > 0 })
            Add($"hot-drop with {settings.LiveSubscribers:N0} live subscribers ≥ 90 % of hot-drop-http", ScenarioNames.HotDropLive, "≥ 90 % of hot-drop-http, same run",
                $"{live.ClaimsPerSecond / http.ClaimsPerSecond:P0} ({live.ClaimsPerSecond:N0} against {http.ClaimsPerSecond:N0} claims/s)",
                live.ClaimsPerSecond / http.ClaimsPerSecond / 0.9, !settings.Quick);

        var many = At(ScenarioNames.ManyDrops);
        if (many is not null && hot is { ClaimsPerSecond: > 0 })
            Add("many-drops aggregate ≥ hot-drop", ScenarioNames.ManyDrops, $"≥ hot-drop ({hot.ClaimsPerSecond:N0} claims/s)", $"{many.ClaimsPerSecond:N0} claims/s",
                many.ClaimsPerSecond / hot.ClaimsPerSecond, !settings.Quick);

        var steadyMany = At(ScenarioNames.ManyDropsSustained);
        var steadyHot = At(ScenarioNames.HotDropSustained);
        if (steadyMany is not null && steadyHot is { ClaimsPerSecond: > 0 })
            Add("many-drops ≥ hot-drop, sustained", ScenarioNames.ManyDropsSustained, $"≥ hot-drop-sustained ({steadyHot.ClaimsPerSecond:N0} claims/s)",
                $"{steadyMany.ClaimsPerSecond:N0} claims/s", steadyMany.ClaimsPerSecond / steadyHot.ClaimsPerSecond, !settings.Quick);

        if (At(ScenarioNames.ManyVersusHot)?.Alternating is { Against.ClaimsPerSecond: > 0 } turns)
            Add("many-drops ≥ hot-drop, alternating windows", ScenarioNames.ManyVersusHot, $"≥ hot-drop in the other windows ({turns.Against.ClaimsPerSecond:N0} claims/s)",
                $"{turns.Measured.ClaimsPerSecond:N0} claims/s ({turns.Ratio:0.00}×)", turns.Ratio, !settings.Quick);

        var snapshots = coldStarts.FirstOrDefault(s => s.SnapshotEvery is > 0);
        if (snapshots is not null)
        {
            var judgeCold = !settings.Quick && settings.ColdStartEvents == TargetColdStartEvents;
            Add("cold-start with snapshots", ScenarioNames.ColdStart, $"< {ColdStartMs} ms to first claim ({TargetColdStartEvents:N0} events)",
                $"{snapshots.TimeToFirstClaimMs:0.0} ms ({snapshots.StreamEvents:N0} events)", ColdStartMs / Math.Max(snapshots.TimeToFirstClaimMs, 0.001), judgeCold,
                judgeCold ? cores : "quick run: stream too short to judge");
        }

        return results;
    }
}
