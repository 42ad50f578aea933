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
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}{i:d4}").ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (id, _) => await BenchDrops.CreateOpen(cluster.Grains, id, supply));
        var drops = ids.Select(id => cluster.Grains.GetGrain<IDropGrain>(id)).ToArray();

        var plan = context.Plan(count * supply, concurrency);
        var random = new Random(Seed);
        var dropOfClaim = new int[plan.Attempts];
        for (var i = 0; i < dropOfClaim.Length; i++) dropOfClaim[i] = random.Next(count);

        var load = await ClaimLoad.Run(plan,
            async (i, _) => ClaimAttempt.Accepted((await drops[dropOfClaim[i]].Claim(BenchDrops.Claim(i))).Receipt.TokenNumber), ct, context.Cpu);

        var streams = await context.Streams.CountAll(prefix, ct);
        var minted = new long[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (d, _) => minted[d] = (await drops[d].GetSummary()).Minted);

        var tokensByDrop = Enumerable.Range(0, count).Select(_ => new List<long>()).ToArray();
        for (var i = 0; i < load.TokenByClaim.Length; i++)
            if (load.TokenByClaim[i] > 0) tokensByDrop[dropOfClaim[i]].Add(load.TokenByClaim[i]);

        var perDrop = Enumerable.Range(0, count).Select(d => DropAudit.Verify(tokensByDrop[d], tokensByDrop[d].Count, supply, minted[d],
            streams.GetValueOrDefault(ids[d], new StreamCounts(0, 0, 0)), scope: "every drop: ")).ToArray();
        var mintAppends = streams.Values.Sum(s => s.Appends - StreamAudit.SetupEvents);
        var soldOut = minted.Count(m => m == supply);

        return ScenarioResult.From(ScenarioNames.ManyDrops, HotDrop.Path, load, count, supply, Aggregate(perDrop, ids)) with
        {
            MintAppends = mintAppends,
            MintsPerAppend = mintAppends > 0 ? Math.Round((double)load.Accepted / mintAppends, 1) : null,
            StoredEvents = streams.Values.Sum(s => s.Events),
            Notes = [$"{count:N0} drops '{prefix}NNNN', each claim to a uniformly random drop (seed {Seed}); {soldOut:N0} drops sold out"],
        };
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
