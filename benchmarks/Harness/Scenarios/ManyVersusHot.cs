using System.Diagnostics;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Drops;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// hot-drop and many-drops in alternating windows of one load on one silo: the callers switch together between one hot
/// drop and 1,000 quiet ones, windows go hot, many, many, hot, …, and each side's claims/s and CPU are summed over its
/// windows. Run one after the other, hot-drop-sustained and many-drops-sustained gave 0.55× to 0.94× on the same code
/// within an hour on this VM, whose speed moves by tens of percent in minutes; in turns of a few seconds both sides see
/// the same machine.
/// </summary>
public sealed class ManyVersusHot(ScenarioContext context, IGrainCluster cluster)
{
    private const int Hot = 0, Many = 1;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    // Long enough for the other side's calls in flight (p99 ~20 ms) and its last append to finish.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private const string Between = "1 s of settle (the other side's calls in flight finish), not measured";

    public const string Definition = "one silo, N callers switching together between one hot drop and the quiet drops (1,000; --quick: 100), each side with " +
        "supply for the whole run; windows of 5 s go hot, many, many, hot, … after a warm-up that alternates too, each opening after 1 s of settle";
    // Well above what this machine does on either side (~30,000 claims/s).
    private const int MaxClaimsPerSecond = 50_000;

    public async Task<ScenarioResult> Run(int concurrency, CancellationToken ct)
    {
        var count = context.Settings.ManyDropsCount;
        var plan = context.Settings.Sustained;
        var perSide = Math.Max(2, (int)Math.Round(plan.Window / Window / 2) * 2);
        var measuring = perSide * 2 * (Window + Settle);
        var duration = plan.Warmup + measuring + DefaultSystem.WindowMargin;
        // Every attempt the whole run could make at MaxClaimsPerSecond, and that much supply on each side: neither side sells
        // out whatever share of the load it gets, and the load ends by time, not by running out of claims.
        var attempts = Math.Max(DefaultSystem.Supply, (long)(MaxClaimsPerSecond * duration.TotalSeconds)) / count * count;
        var supply = attempts / count;
        var prefix = $"alt-many-{context.RunTag}-";
        var quiet = new ManyDrops(context, cluster);
        var (ids, drops) = await quiet.Open(prefix, count, supply, ct);
        var hotId = context.DropId($"{ScenarioNames.ManyVersusHot}-hot-c{concurrency}");
        await BenchDrops.CreateOpen(cluster.Grains, hotId, attempts);
        var hot = cluster.Grains.GetGrain<IDropGrain>(hotId);

        var dropOfClaim = ManyDrops.Spread(attempts, count);
        var sentToHot = new bool[attempts];
        var acknowledged = new long[2];
        var turns = new Turns(Window);

        Progress.Line($"  {ScenarioNames.ManyVersusHot} @{concurrency}: {plan.Warmup.TotalSeconds:0} s warm-up in turns, then {perSide} windows of {Window.TotalSeconds:0} s a side");
        var load = ClaimLoad.Run(new LoadPlan(concurrency, attempts, duration), async (i, _) =>
        {
            var to = turns.Side;
            sentToHot[i] = to == Hot;
            var outcome = to == Hot ? await hot.Claim(BenchDrops.Claim(i)) : await drops[dropOfClaim[i]].Claim(BenchDrops.Claim(i));
            Interlocked.Increment(ref acknowledged[to]);
            return ClaimAttempt.Accepted(outcome.Receipt.TokenNumber);
        }, ct);

        // Warm both: activations, the hot drop's appends, the JIT of both paths.
        await turns.WarmUp(load, plan.Warmup, ct);

        var windows = new List<AlternatingWindow>();
        var cpu = new[] { new SideTotals(), new SideTotals() };
        for (var w = 0; w < perSide * 2 && !load.IsCompleted; w++)
        {
            var now = Turns.OfWindow(w, first: Hot);
            turns.Switch(now);
            await Task.WhenAny(load, Task.Delay(Settle, ct));
            var before = (Claims: Interlocked.Read(ref acknowledged[now]), Cpu: context.Cpu.Sample(), At: Stopwatch.GetTimestamp());
            await Task.WhenAny(load, Task.Delay(Window, ct));
            var claims = Interlocked.Read(ref acknowledged[now]) - before.Claims;
            var seconds = Stopwatch.GetElapsedTime(before.At).TotalSeconds;
            var after = context.Cpu.Sample();
            cpu[now].Add(before.Cpu, after, claims, seconds);
            windows.Add(new AlternatingWindow(now == Hot ? "hot" : "many", Math.Round(seconds, 2), claims, Math.Round(claims / seconds, 1), before.Cpu.Per(after, claims)));
        }
        var throughWindows = !load.IsCompleted && windows.Count == perSide * 2;
        var result = await load;

        var hotTokens = Enumerable.Range(0, result.TokenByClaim.Length).Where(i => sentToHot[i] && result.TokenByClaim[i] > 0)
            .Select(i => result.TokenByClaim[i]).ToList();
        var hotChecks = DropAudit.Verify(hotTokens, hotTokens.Count, attempts, (await hot.GetSummary()).Minted,
            await context.Streams.Count(hotId, ct), scope: "hot drop: ");
        var quietAudit = await quiet.Audit(prefix, ids, drops, dropOfClaim, result, supply, ct, sentHere: i => !sentToHot[i]);

        var alternating = new AlternatingResult(new AlternatingSide("many drops", cpu[Many].ClaimsPerSecond, cpu[Many].PerClaim()),
            new AlternatingSide("hot drop", cpu[Hot].ClaimsPerSecond, cpu[Hot].PerClaim()), Window.TotalSeconds, Between, windows);
        var measured = new Check("load ran through every window", throughWindows, $"{windows.Count} of {perSide * 2} windows measured");
        return quietAudit.On(ScenarioResult.From(ScenarioNames.ManyVersusHot, HotDrop.Path, result, count + 1, supply, [.. hotChecks, .. quietAudit.Checks, measured])) with
        {
            ClaimsPerSecond = alternating.Measured.ClaimsPerSecond,
            Cpu = alternating.Measured.Cpu,
            Alternating = alternating,
            Notes =
            [
                .. alternating.Lines(),
                $"hot drop {hotId}, {count:N0} quiet drops '{prefix}NNNN' of {supply:N0}; latency columns mix both sides",
            ],
        };
    }
}
