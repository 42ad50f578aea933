using System.Globalization;
using System.Text;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>The report's CPU-per-claim table (every level that measured it) and, per sustained scenario, its readers' lag and top statements.</summary>
public static class SustainedTable
{
    public static void Render(StringBuilder s, IReadOnlyList<ScenarioResult> scenarios)
    {
        var metered = scenarios.Where(r => r.Cpu is not null).ToList();
        if (metered.Count > 0)
        {
            s.AppendLine("| CPU µs per acknowledged claim | concurrency | claims measured | harness process (silo, co-hosted gateway, load client) | child processes (a separate gateway, anvil) | PostgreSQL (all processes) |");
            s.AppendLine("|---|--:|--:|--:|--:|--:|");
            foreach (var r in metered)
                s.AppendLine($"| {r.Scenario}{(r.Sustained is not null ? " (window)" : "")} | {r.Concurrency:N0} | {r.Cpu!.Claims:N0} | {r.Cpu.HarnessUs:N0} | {Us(r.Cpu.ChildProcessesUs)} | {Us(r.Cpu.PostgresUs)} |");
            s.AppendLine();
        }

        foreach (var r in scenarios.Where(r => r.Sustained is not null))
        {
            var w = r.Sustained!;
            s.AppendLine($"**{r.Scenario} @{r.Concurrency}, sustained:** {w.WarmupSeconds:0} s warm-up, then {w.WindowSeconds:0.0} s measured: {w.ClaimsInWindow:N0} claims acknowledged, {w.ClaimsPerSecond:N0} claims/s." +
                (w.Pauses is { } p ? $" Harness process: GC paused {p.GcPauseMs:N0} ms in the window ({p.GcPausePercent:0.#} %, {p.Gen2Collections} gen-2 collections), allocated {p.AllocatedBytes / 1024.0 / Math.Max(w.ClaimsInWindow, 1):N1} KB per claim; JIT compiled {p.MethodsJitted:N0} methods in {p.JitMs:N0} ms; " +
                    $"longest stall over the whole load {p.LongestStallMs:N0} ms ({p.StallsOverOneSecond} over 1 s)." : "") +
                (w.Latency is { Count: > 0 } inWindow ? $" Latency of the {inWindow.Count:N0} calls inside the window: p50 {inWindow.P50Ms:0.0}, p95 {inWindow.P95Ms:0.0}, p99 {inWindow.P99Ms:0.0}, max {inWindow.MaxMs:0.0} ms." : ""));
            s.AppendLine();
            if (w.Readers.Count > 0)
            {
                s.AppendLine("| reader | lag at window start (events) | lag at window end | growth (tolerance) | caught up after the load | lag steady? |");
                s.AppendLine("|---|--:|--:|--:|--:|:-:|");
                foreach (var l in w.Readers)
                    s.AppendLine($"| {l.Reader} | {l.LagAtWindowStart:N0} | {l.LagAtWindowEnd:N0} | {l.Growth:N0} ({l.Tolerance:N0}) | " +
                        $"{(l.CatchUpSeconds is { } c ? c.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "not within the limit")} | {(l.Passed ? "✓" : "✗ grows")} |");
                s.AppendLine();
            }
            else s.AppendLine("No reader positions found (no Marten daemon progression, no feed checkpoints).\n");

            if (w.StatementsUnavailable is { } why) s.AppendLine($"Top statements: {why}.\n");
            else if (w.TopStatements.Count > 0)
            {
                s.AppendLine("| PostgreSQL statement (pg_stat_statements, window) | calls per claim | exec µs per claim | calls | total ms | rows per call | buffer hits per call | buffer reads per call |");
                s.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|");
                foreach (var q in w.TopStatements)
                    s.AppendLine($"| `{q.Query.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal)}` | {q.CallsPerClaim:0.0000} | {q.ExecUsPerClaim:N1} | {q.Calls:N0} | {q.TotalMs:N0} | {q.RowsPerCall:N1} | {q.BufferHitsPerCall:N1} | {q.BufferReadsPerCall:N1} |");
                s.AppendLine();
            }
        }
    }

    private static string Us(double? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-";
}
