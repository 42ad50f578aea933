using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// hot-drop and many-drops held for a warm-up and a measured window, like default, instead of a burst that ends when
/// the supply runs out: the many-drops target compares these two when both ran. A burst of 100,000 claims on one drop
/// lasts about four seconds, so its figure moved with whatever the machine did in those seconds.
/// </summary>
public static class SteadyGrainLoad
{
    /// <summary>
    /// Per drop of many-drops-sustained: the 3,000,000 claims of hot-drop-sustained's drop spread over the drops (1,000 × 3,000;
    /// --quick: 100 × 30,000), about twice what a window's load puts on the busiest of them.
    /// </summary>
    public static long ManyDropsSupply(int drops) => DefaultSystem.Supply / drops;

    public static async Task<(LoadResult Load, SustainedResult Window)> Measure(ScenarioContext context, int concurrency, long attempts,
        ClaimCall call, Func<CancellationToken, Task<long>> acknowledged, string scenario, CancellationToken ct)
    {
        var plan = context.Settings.Sustained;
        Progress.Line($"  {scenario} @{concurrency}: {plan.Warmup.TotalSeconds:0} s warm-up, {plan.Window.TotalSeconds:0} s window");
        var window = new SustainedWindow(context.Cpu, new ReaderPositions(context.Database.ConnectionString, context.Settings.Schema),
            new TopStatements(context.Database.ConnectionString), plan);
        var loadPlan = new LoadPlan(concurrency, attempts, plan.Warmup + plan.Window + DefaultSystem.WindowMargin);
        return await window.Measure(ClaimLoad.Run(loadPlan, call, ct, window: window.Latency), acknowledged, ct);
    }

    /// <summary>The window's figures on a scenario's result; no reader runs beside grain scenarios, so no lag is judged.</summary>
    public static ScenarioResult Steady(this ScenarioResult result, SustainedResult window) => result with
    {
        ClaimsPerSecond = window.ClaimsPerSecond,
        Sustained = window,
        Cpu = window.Cpu,
        Checks = [.. result.Checks, .. window.LoadChecks],
    };
}
