using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Drops;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// Many small drops at once (1,000 × 200 by default), each claim sent to a drop picked at random:
/// aggregate throughput when the load is spread over many activations and streams.
/// </summary>
public sealed class ManyDrops(ScenarioContext context, IGrainCluster cluster)
{
    private const int Seed = 20_261_125;

    public async Task<ScenarioResult> Run(int concurrency, CancellationToken ct)
    {
        var count = context.Settings.ManyDropsCount;
        var supply = context.Settings.ManyDropsSupply;
        var prefix = $"many-{context.RunTag}-";
        var (ids, drops) = await Open(prefix, count, supply, ct);

        var plan = context.Plan(count * supply, concurrency);
        var dropOfClaim = Spread(plan.Attempts, count);
        var load = await ClaimLoad.Run(plan,
            async (i, _) => ClaimAttempt.Accepted((await drops[dropOfClaim[i]].Claim(BenchDrops.Claim(i))).Receipt.TokenNumber), ct, context.Cpu);

        var audit = await Audit(prefix, ids, drops, dropOfClaim, load, supply, ct);
        var soldOut = audit.Minted.Count(m => m == supply);
        return audit.On(ScenarioResult.From(ScenarioNames.ManyDrops, HotDrop.Path, load, count, supply, audit.Checks)) with
        {
            Notes = [$"{count:N0} drops '{prefix}NNNN', each claim to a uniformly random drop (seed {Seed}); {soldOut:N0} drops sold out"],
        };
    }

    /// <summary>
    /// many-drops held for a warm-up and a measured window (<see cref="SteadyGrainLoad"/>) over drops that cannot sell out:
    /// the figure the many-drops target compares with hot-drop-sustained.
    /// </summary>
    public async Task<ScenarioResult> RunSustained(int concurrency, CancellationToken ct)
    {
        var count = context.Settings.ManyDropsCount;
        var supply = SteadyGrainLoad.ManyDropsSupply(count);
        var prefix = $"steady-many-{context.RunTag}-";
        var (ids, drops) = await Open(prefix, count, supply, ct);
        var attempts = count * supply;
        var dropOfClaim = Spread(attempts, count);

        var (load, window) = await SteadyGrainLoad.Measure(context, concurrency, attempts,
            async (i, _) => ClaimAttempt.Accepted((await drops[dropOfClaim[i]].Claim(BenchDrops.Claim(i))).Receipt.TokenNumber),
            async token => (await Minted(drops, token)).Sum(), ScenarioNames.ManyDropsSustained, ct);

        var audit = await Audit(prefix, ids, drops, dropOfClaim, load, supply, ct);
        return audit.On(ScenarioResult.From(ScenarioNames.ManyDropsSustained, HotDrop.Path, load, count, supply, audit.Checks).Steady(window)) with
        {
            Notes = [$"{count:N0} drops '{prefix}NNNN' of {supply:N0}, each claim to a uniformly random drop (seed {Seed}); claims/s over the measured window"],
        };
    }

    /// <summary>
    /// Every drop audited against its own stream and minted count, from the tokens its claims were answered; only the claims
    /// <paramref name="sentHere"/> names when a load also claimed elsewhere (<see cref="ManyVersusHot"/>).
    /// </summary>
    internal async Task<DropsAudit> Audit(string prefix, string[] ids, IDropGrain[] drops, int[] dropOfClaim, LoadResult load, long supply, CancellationToken ct,
        Func<long, bool>? sentHere = null)
    {
        var streams = await context.Streams.CountAll(prefix, ct);
        var minted = await Minted(drops, ct);
        var tokensByDrop = Enumerable.Range(0, drops.Length).Select(_ => new List<long>()).ToArray();
        for (var i = 0; i < load.TokenByClaim.Length; i++)
            if (load.TokenByClaim[i] > 0 && (sentHere is null || sentHere(i))) tokensByDrop[dropOfClaim[i]].Add(load.TokenByClaim[i]);
        var perDrop = Enumerable.Range(0, drops.Length).Select(d => DropAudit.Verify(tokensByDrop[d], tokensByDrop[d].Count, supply, minted[d],
            streams.GetValueOrDefault(ids[d], new StreamCounts(0, 0, 0)), scope: "every drop: ")).ToArray();
        return new DropsAudit(Aggregate(perDrop, ids), minted, streams.Values.Sum(s => s.Appends - StreamAudit.SetupEvents),
            streams.Values.Sum(s => s.Events), tokensByDrop.Sum(t => t.Count));
    }

    internal sealed record DropsAudit(IReadOnlyList<Check> Checks, long[] Minted, long MintAppends, long StoredEvents, long Accepted)
    {
        public ScenarioResult On(ScenarioResult result) => result with
        {
            MintAppends = MintAppends,
            MintsPerAppend = MintAppends > 0 ? Math.Round((double)Accepted / MintAppends, 1) : null,
            StoredEvents = StoredEvents,
        };
    }

    internal async Task<(string[] Ids, IDropGrain[] Drops)> Open(string prefix, int count, long supply, CancellationToken ct)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}{i:d4}").ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (id, _) => await BenchDrops.CreateOpen(cluster.Grains, id, supply));
        return (ids, ids.Select(id => cluster.Grains.GetGrain<IDropGrain>(id)).ToArray());
    }

    // The drop of each claim, uniformly at random, the same in every run.
    internal static int[] Spread(long attempts, int count)
    {
        var random = new Random(Seed);
        var dropOfClaim = new int[attempts];
        for (var i = 0; i < dropOfClaim.Length; i++) dropOfClaim[i] = random.Next(count);
        return dropOfClaim;
    }

    private static async Task<long[]> Minted(IDropGrain[] drops, CancellationToken ct)
    {
        var minted = new long[drops.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, drops.Length), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (d, _) => minted[d] = (await drops[d].GetSummary()).Minted);
        return minted;
    }

    /// <summary>One check per kind, passed only when it passed for every drop; the first failures are named.</summary>
    private static IReadOnlyList<Check> Aggregate(IReadOnlyList<IReadOnlyList<Check>> perDrop, string[] ids) =>
        perDrop[0].Select((first, k) =>
        {
            var failing = perDrop.Select((checks, d) => (Check: checks[k], Id: ids[d])).Where(x => !x.Check.Passed).ToList();
            return new Check(first.Name, failing.Count == 0, failing.Count == 0
                ? $"all {perDrop.Count:N0} drops"
                : $"{failing.Count:N0} drops fail, e.g. {string.Join("; ", failing.Take(3).Select(f => $"{f.Id}: {f.Check.Detail}"))}");
        }).ToList();
}
