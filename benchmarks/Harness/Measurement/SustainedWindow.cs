using System.Diagnostics;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// Measures a load that runs on for warm-up + window: after the warm-up, a window of steady state in which
/// the acknowledged claims (the drop's own minted count), every process's CPU, PostgreSQL's statements and
/// each background reader's lag (sampled every second) are measured; after the load, how long each reader
/// takes to reach the head as it stood when the load stopped. A reader whose lag grows through the window
/// fails the check: it would fall behind for good under that load.
/// </summary>
public sealed class SustainedWindow(ProcessCpu cpu, ReaderPositions readers, TopStatements statements, SustainedPlan plan)
{
    /// <summary>Hand this to the load: it records the latency of the calls made inside the window.</summary>
    public LatencyWindow Latency { get; } = new();

    public async Task<(LoadResult Load, SustainedResult Window)> Measure(Task<LoadResult> load, Func<CancellationToken, Task<long>> acknowledged, CancellationToken ct)
    {
        using var pauses = new RuntimePauses();
        await Task.WhenAny(load, Task.Delay(plan.Warmup, ct));
        var statementsOn = await statements.Reset(ct);
        var minted0 = await acknowledged(ct);
        var cpu0 = cpu.Sample();
        pauses.WindowStarts();
        Latency.Open();
        var window = Stopwatch.StartNew();
        var samples = new List<ReaderSnapshot>();
        while (window.Elapsed < plan.Window && !load.IsCompleted)
        {
            samples.Add(await readers.Read(ct));
            await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(1), ct));
        }
        // Judged as the window ends, not after the reads below: on a starved machine those take seconds, and the load
        // (warm-up + window + a margin) then ended while they ran, which failed the check with the window fully loaded.
        var sustained = !load.IsCompleted;
        Latency.Close();
        samples.Add(await readers.Read(ct));
        var cpu1 = cpu.Sample();
        var seconds = window.Elapsed.TotalSeconds;
        var paused = pauses.WindowEnds(seconds);
        var minted1 = await acknowledged(ct);
        var claims = minted1 - minted0;
        var top = await statements.Top(plan.TopStatements, claims, ct);

        var result = await load;
        // The longest stall covers the whole load: a 503 in the warm-up counts as much as one in the window.
        paused = pauses.ThroughLoad(paused);
        var head = (await readers.Read(ct)).Head;
        var caughtUp = await readers.CatchUp(head, samples[^1].Positions.Keys, plan.CatchUpLimit, TimeSpan.FromMilliseconds(250), ct);

        var appended = samples[^1].Head - samples[0].Head;
        // A feed stores its progress over events it does not want at most once a second, and the lag is sampled once a second:
        // its stored position may trail by two seconds of events while it keeps up (a saw-tooth, not growth). At ~8,000 events/s
        // in a 10-s window that is more than 5 % of what was appended.
        var tolerance = Math.Max(Math.Max(2_000, appended / 20), (long)(2 * appended / Math.Max(seconds, 1)));
        var lags = samples[^1].Positions.Keys.Order().Select(reader =>
        {
            var seen = samples.Where(s => s.Positions.ContainsKey(reader)).Select(s => s.Lag(reader)).ToList();
            var start = (long)seen.Take(3).Average();
            var end = (long)seen.TakeLast(3).Average();
            // A reader missing from caughtUp never reached the head: "not caught up", not 0 s.
            return new ReaderLag(reader, start, end, end - start, tolerance, caughtUp.TryGetValue(reader, out var s) ? s : null, end - start <= tolerance);
        }).ToList();

        var checks = new List<Check>
        {
            new("load ran through the whole window", sustained, sustained ? $"{seconds:0.0} s measured" : $"the load ended {seconds:0.0} s into a {plan.Window.TotalSeconds:0} s window (supply too small?)"),
        };
        checks.AddRange(lags.Select(l => new Check($"{SustainedResult.ReaderCheck}{l.Reader}: lag does not grow through the window", l.Passed,
            $"lag {l.LagAtWindowStart:N0} → {l.LagAtWindowEnd:N0} events (growth {l.Growth:N0}, tolerance {l.Tolerance:N0}); " +
            (l.CatchUpSeconds is { } s ? $"caught up {s:0.0} s after the load" : $"not caught up within {plan.CatchUpLimit.TotalSeconds:0} s"))));
        if (lags.Count == 0) Progress.Line("  no background reader positions found (no daemon progression, no feed checkpoints)");

        return (result, new SustainedResult(Math.Round(plan.Warmup.TotalSeconds, 1), Math.Round(seconds, 2), claims, Math.Round(claims / Math.Max(seconds, 0.001), 1),
            cpu0.Per(cpu1, claims), lags, top, statementsOn ? null : statements.Unavailable, checks) { Pauses = paused, Latency = Latency.Summary() });
    }

}

/// <summary>How long to warm up before the window, how long the window is, and how long readers get to catch up afterwards.</summary>
public sealed record SustainedPlan(TimeSpan Warmup, TimeSpan Window, TimeSpan CatchUpLimit, int TopStatements = 8);

/// <summary>The steady-state window of a sustained run.</summary>
public sealed record SustainedResult(
    double WarmupSeconds,
    double WindowSeconds,
    long ClaimsInWindow,
    double ClaimsPerSecond,
    CpuPerClaim Cpu,
    IReadOnlyList<ReaderLag> Readers,
    IReadOnlyList<StatementCost> TopStatements,
    string? StatementsUnavailable,
    IReadOnlyList<Check> Checks)
{
    /// <summary>How the name of a reader's lag check begins.</summary>
    public const string ReaderCheck = "reader ";

    /// <summary>The window's checks but the readers' lags: what a run with no reader of its own (readers off, grain calls) is judged by.</summary>
    public IEnumerable<Check> LoadChecks => Checks.Where(c => !c.Name.StartsWith(ReaderCheck, StringComparison.Ordinal));

    /// <summary>How long the harness process stood still (GC pauses, stalls): where a tail or a 503 under load comes from.</summary>
    public RuntimePauseResult? Pauses { get; init; }

    /// <summary>Latency of the calls made inside the window (started after it opened, answered before it closed): what the p99 target judges.</summary>
    public LatencySummary? Latency { get; init; }

    public const string Definition = "the load runs for warm-up + window + 6 s (+ the time to stop its callers); claims/s = the drop's minted count at the window's end minus " +
        "at its start, ÷ the window's seconds; CPU and pg_stat_statements are deltas over the same window";
}
