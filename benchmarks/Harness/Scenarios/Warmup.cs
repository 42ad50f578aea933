using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Drops;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// Claims on a throw-away drop before anything is measured, so JIT tiers, connection pools and
/// Orleans' caches are warm. Not reported; a failed warm-up claim is only logged.
/// </summary>
public static class Warmup
{
    public static async Task Grains(ScenarioContext context, IGrainCluster cluster, string name, CancellationToken ct)
    {
        var id = context.DropId(name);
        var claims = context.Settings.WarmupClaims;
        await BenchDrops.CreateOpen(cluster.Grains, id, claims);
        var drop = cluster.Grains.GetGrain<IDropGrain>(id);
        var load = await ClaimLoad.Run(new LoadPlan(context.Settings.Concurrency, claims, context.Settings.LevelTimeLimit),
            async (i, _) => ClaimAttempt.Accepted((await drop.Claim(BenchDrops.Claim(i))).Receipt.TokenNumber), ct);
        Log(name, load);
    }

    public static void Log(string name, LoadResult load)
    {
        Progress.Line($"  warm-up {name}: {load.Accepted:N0} claims in {load.Elapsed.TotalSeconds:0.0} s" +
            (load.Failed > 0 ? $", {load.Failed} failed: {string.Join(" | ", load.FailureSamples)}" : ""));
    }
}
