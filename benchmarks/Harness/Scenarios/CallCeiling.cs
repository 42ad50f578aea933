using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Drops;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// A diagnostic, not a claim path: the same callers and the same drop activation, but a read-only call
/// (GetSummary) that touches no storage. Its rate is what Orleans messaging and one activation allow on
/// this machine before any decision, fold or append, i.e. the ceiling of any grain-call scenario.
/// </summary>
public sealed class CallCeiling(ScenarioContext context, IGrainCluster cluster)
{
    private const long MaxCalls = 3_000_000;

    public async Task<CallProbe> Run(int concurrency, CancellationToken ct)
    {
        var id = context.DropId($"calls-c{concurrency}");
        await BenchDrops.CreateOpen(cluster.Grains, id, 1);
        var drop = cluster.Grains.GetGrain<IDropGrain>(id);
        var duration = context.Settings.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);
        var load = await ClaimLoad.Run(new LoadPlan(concurrency, MaxCalls, duration),
            async (_, _) => ClaimAttempt.Accepted((await drop.GetSummary()).Version), ct);
        var latency = load.AllClaims.Summary();
        var probe = new CallProbe(concurrency, load.Attempted, Math.Round(load.Attempted / load.Elapsed.TotalSeconds, 0), latency.P50Ms, latency.P99Ms, load.Failed);
        Progress.Line($"  call ceiling @{concurrency}: {probe.CallsPerSecond:N0} GetSummary calls/s on one activation, p50 {probe.P50Ms:0.00} ms");
        return probe;
    }
}
