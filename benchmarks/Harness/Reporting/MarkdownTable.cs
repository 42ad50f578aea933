using System.Globalization;
using System.Text;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>The run's summary as Markdown: one row per load level, cold-start, ours ÷ baseline, targets, correctness.</summary>
public static class MarkdownTable
{
    public static string Render(RunReport report)
    {
        var s = new StringBuilder();
        var m = report.Machine;
        s.AppendLine($"## MicroEvents load run {report.RunId}");
        s.AppendLine();
        s.AppendLine($"{m.ProcessorCount} cores, {m.Os}, {m.Framework}, server GC {(m.ServerGc ? "on" : "off")}; database {report.Database}." +
            (report.Scenarios.Count > 0 ? " claims/s = steady window (first and last 5% of accepted claims excluded); latency per claim call at the caller, accepted and rejected." : ""));
        s.AppendLine();

        if (report.Scenarios.Count > 0)
        {
            s.AppendLine("| scenario | concurrency | attempted | accepted | rejected | claims/s | p50 ms | p95 ms | p99 ms | max ms | appends (mints/append) | correct | target | met? |");
            s.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|---|:-:|");
            foreach (var r in report.Scenarios)
            {
                var targets = report.Targets.Where(t => t.Scenario == r.Scenario && t.Concurrency == r.Concurrency).ToList();
                var rejected = r.Failed > 0 ? $"{r.Rejected:N0} (+{r.Failed:N0} failed)" : $"{r.Rejected:N0}";
                var appends = r.MintAppends is { } a ? $"{a:N0} ({r.MintsPerAppend?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-"}" +
                    (r.AppendCycles is { } cycles ? $", every {cycles.GapMsP50:0.0} ms)" : ")") : "-";
                var scenario = r.StoppedBy.StartsWith("time", StringComparison.Ordinal) ? $"{r.Scenario} ⏱" : r.Scenario;
                s.AppendLine($"| {scenario} | {r.Concurrency:N0} | {r.Attempted:N0} | {r.Accepted:N0} | {rejected} | {r.ClaimsPerSecond:N0} | " +
                    $"{r.Latency.P50Ms:0.0} | {r.Latency.P95Ms:0.0} | {r.Latency.P99Ms:0.0} | {r.Latency.MaxMs:0.0} | {appends} | {(r.Passed ? "✓" : "✗")} | " +
                    $"{string.Join("; ", targets.Select(t => t.Goal))} | {Met(targets)} |");
            }
            s.AppendLine();
            if (report.Scenarios.Any(r => r.StoppedBy.StartsWith("time", StringComparison.Ordinal)))
                s.AppendLine("⏱ = the level hit its time limit before the supply ran out; checks still cover every claim made.");
            if (report.Scenarios.Any(r => r.Scenario == ScenarioNames.BaselineSql))
                s.AppendLine($"baseline-sql: {report.Scenarios.First(r => r.Scenario == ScenarioNames.BaselineSql).Notes.FirstOrDefault()}");
            foreach (var turns in report.Scenarios.Where(r => r.Alternating is not null))
                s.AppendLine($"{turns.Scenario} @{turns.Concurrency}: {string.Join("; ", turns.Notes)}.");
            s.AppendLine();
        }

        SustainedTable.Render(s, report.Scenarios);

        if (report.ColdStarts.Count > 0)
        {
            s.AppendLine("| cold-start | stream events | first call ms | first claim ms | time to first claim ms (median of 3) | journal read ms | events read on activation | snapshot | correct | target | met? |");
            s.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|:-:|---|:-:|");
            foreach (var c in report.ColdStarts)
            {
                var first = c.Reactivations[0];
                var targets = report.Targets.Where(t => t.Scenario == ScenarioNames.ColdStart && c.SnapshotEvery is > 0).ToList();
                var snapshot = first.SnapshotVersion is { } v ? $"v{v:N0}" + (c.SnapshotBytes is { } b ? $", {b / 1024.0 / 1024.0:0.0} MB" : "") : "-";
                s.AppendLine($"| {c.Variant} | {c.StreamEvents:N0} | {Median(c, r => r.FirstCallMs):0.0} | {Median(c, r => r.FirstClaimMs):0.0} | " +
                    $"{c.TimeToFirstClaimMs:0.0} | {c.JournalReadMs?.ToString("0.0") ?? "-"} | {first.EventsReadOnActivation:N0} | {snapshot} | {(c.Passed ? "✓" : "✗")} | " +
                    $"{string.Join("; ", targets.Select(t => t.Goal))} | {Met(targets)} |");
            }
            foreach (var c in report.ColdStarts.Where(c => c.SnapshotCost is not null))
            {
                var cost = c.SnapshotCost!;
                s.AppendLine($"Snapshot of {c.StreamEvents:N0} events ({cost.Bytes / 1024.0 / 1024.0:0.0} MB of JSON): fetch {cost.FetchMs:0.0} ms, " +
                    $"restore from head and pages {cost.DeserializeMs:0.0} ms (reactivation path); serialize the head and one page {cost.SerializeMs:0.0} ms (off the drop's turn, on the thread pool, at every snapshot).");
            }
            s.AppendLine();
        }

        var comparisons = report.Comparisons.Where(c => c.BaselineSql is not null).ToList();
        if (comparisons.Count > 0)
        {
            s.AppendLine("| concurrency | hot-drop claims/s | hot-drop-http claims/s | baseline-sql claims/s | hot-drop ÷ baseline | hot-drop-http ÷ baseline |");
            s.AppendLine("|--:|--:|--:|--:|--:|--:|");
            foreach (var c in comparisons)
                s.AppendLine($"| {c.Concurrency:N0} | {Num(c.HotDrop)} | {Num(c.HotDropHttp)} | {Num(c.BaselineSql)} | {Times(c.HotDropRatio)} | {Times(c.HotDropHttpRatio)} |");
            s.AppendLine();
        }

        foreach (var c in report.CallCeiling)
        {
            s.AppendLine($"Grain calls alone (diagnostic): {c.Concurrency:N0} callers, read-only GetSummary on one drop activation: {c.CallsPerSecond:N0} calls/s, p50 {c.P50Ms:0.00} ms, p99 {c.P99Ms:0.00} ms.");
            s.AppendLine();
        }

        if (report.JournalCeiling.Count > 0)
        {
            s.AppendLine("| journal alone: events per append | appends | events/s | p50 ms per append | p99 ms per append | raw PostgreSQL events/s | journal ÷ raw (target ≥ 0.8) |");
            s.AppendLine("|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var p in report.JournalCeiling)
                s.AppendLine($"| {p.BatchSize:N0} | {p.Appends:N0} | {p.EventsPerSecond:N0} | {p.P50MsPerAppend:0.00} | {p.P99MsPerAppend:0.00} | " +
                    $"{p.RawEventsPerSecond?.ToString("N0") ?? "-"} | {p.OfRaw?.ToString("0.00") ?? "-"} |");
            s.AppendLine();
        }

        if (report.Chain.Count(l => l.PerSecond is > 0) > 1)
        {
            s.AppendLine("Chain of ceilings (issue #30), one run: each stage ÷ the one before; CPU µs per acknowledged claim by process (harness = in-process silo, co-hosted gateway and the load client; children = a separate gateway process, anvil).");
            s.AppendLine();
            s.AppendLine("| stage | events or claims/s | ÷ previous | harness µs/claim | children µs/claim | PostgreSQL µs/claim |");
            s.AppendLine("|---|--:|--:|--:|--:|--:|");
            foreach (var l in report.Chain.Where(l => l.PerSecond is > 0))
                s.AppendLine($"| {l.Stage} | {Num(l.PerSecond)} | {(l.OfPrevious is { } r ? $"{r:0.00}×" : "-")} | {Num(l.HarnessUs)} | {Num(l.ChildProcessesUs)} | {Num(l.PostgresUs)} |");
            s.AppendLine();
        }

        if (report.Targets.Count > 0)
        {
            s.AppendLine("| target (2 cores) | goal | measured | measured ÷ goal | met? | note |");
            s.AppendLine("|---|---|--:|--:|:-:|---|");
            foreach (var t in report.Targets)
                s.AppendLine($"| {t.Name}{(t.Concurrency is { } c ? $" @{c}" : "")} | {t.Goal} | {t.Measured} | {(t.Ratio is { } ratio ? $"{ratio:0.00}×" : "-")} | {Met([t])} | {t.Note} |");
            s.AppendLine();
        }

        if (report.Fault is { } fault) FaultTable.Render(s, fault);

        var failed = report.FailedChecks.ToList();
        s.AppendLine(report.CorrectnessPassed
            ? $"**Correctness: PASSED** ({report.CheckCount} checks)."
            : $"**Correctness: FAILED** — {string.Join("; ", failed.Select(c => $"{c.Name} ({c.Detail})").Concat(report.Errors))}");
        return s.ToString();
    }

    private static string Met(IReadOnlyList<TargetResult> targets) =>
        targets.Count == 0 ? "" :
        targets.Any(t => t.Met is null) ? "n/a" :
        targets.All(t => t.Met == true) ? "yes" :
        "no (" + string.Join(", ", targets.Where(t => t.Met == false).Select(t => $"{t.Ratio:0.00}×")) + ")";

    private static double Median(ColdStartResult c, Func<Reactivation, double> of) =>
        c.Reactivations.Select(of).Order().ElementAt(c.Reactivations.Count / 2);

    private static string Num(double? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Times(double? ratio) => ratio is { } r ? $"{r:0.0}×" : "-";
}
