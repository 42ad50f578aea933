using System.Diagnostics;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Drops;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// Claims on throw-away drops before anything is measured, so JIT tiers, connection pools and
/// Orleans' caches are warm. Not reported; a failed warm-up claim is only logged.
/// </summary>
public static class Warmup
{
    /// <summary>
    /// A fresh process runs its first tens of seconds on instrumented tier-0 code (tiered JIT with dynamic PGO):
    /// measured then, hot-drop-http ran at about a third of its settled rate. Warm-up goes on until the process is
    /// this old and two rounds in a row agree within <see cref="Settled"/>, for <see cref="MaxWarmup"/> at most.
    /// </summary>
    private static readonly TimeSpan MinProcessAge = TimeSpan.FromSeconds(30);
    private const double Settled = 0.15;
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(45);

    public static Task Grains(ScenarioContext context, IGrainCluster cluster, string name, CancellationToken ct) =>
        Rounds(name, async (round, token) =>
        {
            var id = context.DropId($"{name}-{round}");
            var claims = context.Settings.WarmupClaims;
            await BenchDrops.CreateOpen(cluster.Grains, id, claims);
            var drop = cluster.Grains.GetGrain<IDropGrain>(id);
            return await ClaimLoad.Run(new LoadPlan(context.Settings.Concurrency, claims, context.Settings.LevelTimeLimit),
                async (i, _) => ClaimAttempt.Accepted((await drop.Claim(BenchDrops.Claim(i))).Receipt.TokenNumber), token);
        }, ct);

    /// <summary>Runs warm-up rounds (each on a drop of its own) until the process is warm and the rate has settled.</summary>
    public static async Task Rounds(string name, Func<int, CancellationToken, Task<LoadResult>> round, CancellationToken ct)
    {
        double? previous = null;
        var warming = Stopwatch.StartNew();
        DateTime started;
        using (var process = Process.GetCurrentProcess()) started = process.StartTime;
        for (var n = 1; warming.Elapsed < MaxWarmup; n++)
        {
            var load = await round(n, ct);
            if (n == 1 || load.Failed > 0) Log($"{name} round {n}", load);
            var rate = load.Accepted / Math.Max(load.Elapsed.TotalSeconds, 0.001);
            var warm = DateTime.Now - started >= MinProcessAge;
            if (warm && previous is { } last && Math.Abs(rate - last) <= Settled * Math.Max(rate, last))
            {
                Log($"{name} ({n} rounds, {warming.Elapsed.TotalSeconds:0.0} s) last round", load);
                return;
            }
            previous = rate;
        }
    }

    public static void Log(string name, LoadResult load)
    {
        Progress.Line($"  warm-up {name}: {load.Accepted:N0} claims in {load.Elapsed.TotalSeconds:0.0} s" +
            (load.Failed > 0 ? $", {load.Failed} failed: {string.Join(" | ", load.FailureSamples)}" : ""));
    }
}
