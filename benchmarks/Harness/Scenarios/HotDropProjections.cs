using System.Diagnostics;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Drops;
using MicroEvents.Projections;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// hot-drop with Marten's async daemon running every projection beside the drop (plain hot-drop runs
/// before it with the daemon off: nothing activates the daemon's grain until this scenario). The daemon
/// first catches up on everything stored so far, so the load measures following, not a backlog; after
/// the load, how long the timeline took to count the last claim.
/// </summary>
public sealed class HotDropProjections(ScenarioContext context, IGrainCluster cluster)
{
    public async Task<ScenarioResult> Run(int concurrency, IEnumerable<ScenarioResult> earlier, CancellationToken ct)
    {
        var daemon = cluster.Grains.GetGrain<IProjectionDaemonGrain>(0);
        var reader = cluster.Grains.GetGrain<IProjectionReaderGrain>(0);
        await Until(async () => await daemon.IsRunning(), TimeSpan.FromSeconds(60), ct);
        await Until(async () => (await reader.Status()).All(p => p.Position >= p.HighestSequence), TimeSpan.FromMinutes(5), ct);

        var result = await new HotDrop(context, cluster).Run(concurrency, ct, variant: ScenarioNames.HotDropProjections);
        var id = context.DropId($"{ScenarioNames.HotDropProjections}-c{concurrency}");
        var lag = Stopwatch.StartNew();
        await Until(async () => (await cluster.Grains.GetGrain<IDropStatsGrain>(0).Timeline(id)).Claims >= result.Accepted, TimeSpan.FromMinutes(5), ct);
        var plain = earlier.FirstOrDefault(r => r.Scenario == ScenarioNames.HotDrop && r.Concurrency == concurrency);
        var ratio = plain is null
            ? "daemon on; run hot-drop at the same level in the same run for the on/off ratio"
            : $"daemon on: {result.ClaimsPerSecond:N0}/s vs off {plain.ClaimsPerSecond:N0}/s = {result.ClaimsPerSecond / plain.ClaimsPerSecond:P0} (target ≥ 90 %)";
        return result with { Notes = [.. result.Notes, ratio, $"the drop timeline counted the last claim {lag.ElapsedMilliseconds:N0} ms after the load ended"] };
    }

    private static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"projections not ready within {timeout.TotalSeconds:0} s");
            await Task.Delay(50, ct);
        }
    }
}
