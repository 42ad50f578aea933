using System.Diagnostics;
using MicroEvents.Access;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// default against default-readers-off in alternating windows of one load: both one-command silos run in this process, each on
/// its own database, and the callers switch together between their gateways. Run one after the other, the pair gave 0.67× to
/// 1.23× on one code within hours (the VM's speed moves by tens of percent in minutes, and whichever stage ran first carried
/// the JIT's warm-up); here both sides see the same machine and the same compiled claim path. Between windows the load
/// pauses until every call has been answered and, after a default window, until each of its readers has reached the head:
/// that catch-up's CPU counts in the default window's, so the readers' whole cost for its claims is charged to it.
/// </summary>
public sealed class DefaultVersusReadersOff(ScenarioContext withReaders, ScenarioContext readersOff)
{
    private const int Default = 0, Off = 1;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleSample = TimeSpan.FromSeconds(3);
    // Well above what this machine does over HTTP (~15,000 claims/s).
    private const int MaxClaimsPerSecond = 30_000;

    public const string Definition = "both one-command silos (every reader on; readers off) in one process, each on its own database, N HTTP callers switching " +
        "together between their gateways; windows of 5 s go readers-off, default, default, readers-off, … after a warm-up that alternates too (twice a sustained stage's: each side gets one); between windows " +
        "the load pauses until every call has been answered and, after a default window, until each of its readers has reached the head (≤ 30 s): a window's " +
        "CPU runs from its opening to the end of that pause (the readers' catch-up is charged to default), its claims/s over the 5 s";

    public async Task<ScenarioResult> Run(int concurrency, CancellationToken ct)
    {
        var settings = withReaders.Settings;
        var plan = settings.Sustained;
        var perSide = Math.Max(2, (int)Math.Round(plan.Window / Window / 2) * 2);
        // Each side warms as long as a sustained stage does: half of it left the first windows still being compiled (this VM
        // at 00:01 UTC: readers-off 617 µs a claim in its first window, 226 over all after twice the warm-up).
        var warmup = plan.Warmup * 2;
        // An upper bound: the load ends when the last window closes (the gate stops it), never by time or supply.
        var duration = warmup + perSide * 2 * (Window + CatchUpLimit);
        var attempts = Math.Max(DefaultSystem.Supply, (long)(MaxClaimsPerSecond * (warmup + perSide * 2 * Window * 2).TotalSeconds));

        await using var on = await GatewaySilo.Start(withReaders.Store, withReaders.Database.ConnectionString, settings.SnapshotEvery, settings.Schema, ct,
            sealOnMint: true, feedsFromStorage: settings.FeedsFromStorage);
        await using var off = await GatewaySilo.Start(readersOff.Store, readersOff.Database.ConnectionString, settings.SnapshotEvery, settings.Schema, ct,
            readersOff: true);
        using var onClient = await Client(withReaders, on, concurrency, ct);
        using var offClient = await Client(readersOff, off, concurrency, ct);
        var ids = new[] { withReaders.DropId($"{ScenarioNames.DefaultVersusReadersOff}-on"), readersOff.DropId($"{ScenarioNames.DefaultVersusReadersOff}-off") };
        await onClient.CreateOpen(ids[Default], attempts, ct);
        await offClient.CreateOpen(ids[Off], attempts, ct);
        var clients = new[] { onClient, offClient };
        var readers = new ReaderPositions(withReaders.Database.ConnectionString, settings.Schema);

        var sentTo = new byte[attempts];
        var acknowledged = new long[2];
        var turns = new Turns(Window);
        var gate = new LoadGate();
        gate.Open();
        Progress.Line($"  {ScenarioNames.DefaultVersusReadersOff} @{concurrency}: {warmup.TotalSeconds:0} s warm-up in turns, then {perSide} windows of {Window.TotalSeconds:0} s a side");
        var load = ClaimLoad.Run(new LoadPlan(concurrency, attempts, duration), async (i, token) =>
        {
            var to = turns.Side;
            sentTo[i] = (byte)to;
            var attempt = await clients[to].Claim(ids[to], i, token);
            if (attempt.IsAccepted) Interlocked.Increment(ref acknowledged[to]);
            return attempt;
        }, ct, gate: gate);

        // Warm both: the claim path of each silo, and the readers' code, which only default runs.
        await turns.WarmUp(load, warmup, ct);
        await gate.Close(ct);
        var caughtUp = await CatchUp(readers, ct);

        var windows = new List<AlternatingWindow>();
        var totals = new[] { new SideTotals(), new SideTotals() };
        var lateReaders = new List<string>();
        for (var w = 0; w < perSide * 2 && !load.IsCompleted && caughtUp is not null; w++)
        {
            var now = Turns.OfWindow(w, first: Off);
            turns.Switch(now);
            var before = (Claims: Interlocked.Read(ref acknowledged[now]), Cpu: withReaders.Cpu.Sample(), At: Stopwatch.GetTimestamp());
            gate.Open();
            await Task.WhenAny(load, Task.Delay(Window, ct));
            await gate.Close(ct);
            var seconds = Stopwatch.GetElapsedTime(before.At).TotalSeconds;
            caughtUp = now == Default ? await CatchUp(readers, ct) : 0;
            if (caughtUp is null) lateReaders.Add($"window {w + 1}");
            var after = withReaders.Cpu.Sample();
            var claims = Interlocked.Read(ref acknowledged[now]) - before.Claims;
            totals[now].Add(before.Cpu, after, claims, seconds);
            windows.Add(new AlternatingWindow(now == Default ? "default" : "readers-off", Math.Round(seconds, 2), claims, Math.Round(claims / seconds, 1),
                before.Cpu.Per(after, claims), now == Default ? caughtUp : null));
        }
        var throughWindows = !load.IsCompleted && windows.Count == perSide * 2;
        // What both silos burn with no load (timers, the daemon's polling): part of every window, and of the default's catch-up.
        var idleFrom = withReaders.Cpu.Sample();
        await Task.Delay(IdleSample, ct);
        var idle = withReaders.Cpu.Sample();
        gate.Stop();
        var result = await load;

        var checks = new List<Check>();
        for (var s = Default; s <= Off; s++)
        {
            var here = (byte)s;
            var tokens = Enumerable.Range(0, result.TokenByClaim.Length).Where(i => sentTo[i] == here && result.TokenByClaim[i] > 0)
                .Select(i => result.TokenByClaim[i]).ToList();
            var context = s == Default ? withReaders : readersOff;
            checks.AddRange(DropAudit.Verify(tokens, tokens.Count, attempts, await clients[s].Minted(ids[s], ct), await context.Streams.Count(ids[s], ct),
                scope: s == Default ? "default: " : "readers-off: "));
        }
        checks.Add(new Check("load ran through every window", throughWindows, $"{windows.Count} of {perSide * 2} windows measured"));
        checks.Add(new Check("default's readers caught up after every window", lateReaders.Count == 0,
            lateReaders.Count == 0 ? $"slowest {windows.Max(x => x.CatchUpSeconds ?? 0):0.0} s" : $"not within {CatchUpLimit.TotalSeconds:0} s after {string.Join(", ", lateReaders)}"));
        var unavailable = onClient.Unavailable + offClient.Unavailable;
        checks.Add(new Check("no 503 under load", unavailable == 0, $"{unavailable:N0} claims answered 503 (warm-up included)"));

        var alternating = new AlternatingResult(new AlternatingSide("default", totals[Default].ClaimsPerSecond, totals[Default].PerClaim()),
            new AlternatingSide("readers-off", totals[Off].ClaimsPerSecond, totals[Off].PerClaim()), Window.TotalSeconds,
            "paused until every call was answered and, after a default window, its readers reached the head (that CPU charged to default)", windows);
        return ScenarioResult.From(ScenarioNames.DefaultVersusReadersOff, DefaultSystem.Path, result, drops: 2, attempts, checks) with
        {
            ClaimsPerSecond = alternating.Measured.ClaimsPerSecond,
            Cpu = alternating.Measured.Cpu,
            Alternating = alternating,
            Notes =
            [
                .. alternating.Lines(),
                $"drops {ids[Default]} on {withReaders.Database.Server} and {ids[Off]} on {readersOff.Database.Server}; {concurrency} pooled HTTP/1.1 connections to each " +
                "gateway; +N s = the default's readers' catch-up after its window; latency columns mix both sides",
                $"both silos idle (gate closed, {IdleSample.TotalSeconds:0} s after the last window): harness {(idle.Harness - idleFrom.Harness) / IdleSample.TotalSeconds * 1000:0} ms " +
                $"and PostgreSQL {((idle.Postgres - idleFrom.Postgres) / IdleSample.TotalSeconds * 1000):0} ms of CPU a second",
            ],
        };
    }

    private static async Task<GatewayClient> Client(ScenarioContext context, GatewaySilo silo, int concurrency, CancellationToken ct)
    {
        var (_, apiKey) = await new ApiKeyStore(new AccessDatabase(context.Store), TimeProvider.System).Create(AccessRole.Operator, "benchmark harness", DateTimeOffset.UtcNow.AddHours(2), ct);
        return new GatewayClient(silo.BaseAddress, concurrency, apiKey);
    }

    /// <summary>Seconds until every reader of default's database stands at the head as it is now; null if one did not within the limit.</summary>
    private static async Task<double?> CatchUp(ReaderPositions readers, CancellationToken ct)
    {
        var now = await readers.Read(ct);
        var done = await readers.CatchUp(now.Head, now.Positions.Keys, CatchUpLimit, TimeSpan.FromMilliseconds(50), ct);
        return now.Positions.Count > 0 && done.Count == now.Positions.Count ? done.Values.Max() : null;
    }
}
