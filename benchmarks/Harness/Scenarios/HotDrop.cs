using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Drops;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// One drop, many concurrent callers, claims as grain calls: the group-commit path. Every claim that
/// arrives while an append is in flight should share the next append.
/// </summary>
public sealed class HotDrop(ScenarioContext context, IGrainCluster cluster)
{
    public const string Path = "grain calls";

    public async Task<ScenarioResult> Run(int concurrency, CancellationToken ct)
    {
        var id = context.DropId($"hot-c{concurrency}");
        var supply = context.Settings.Supply;
        await BenchDrops.CreateOpen(cluster.Grains, id, supply);
        var drop = cluster.Grains.GetGrain<IDropGrain>(id);

        var load = await ClaimLoad.Run(context.Plan(supply, concurrency),
            async (i, _) => ClaimAttempt.Accepted((await drop.Claim(BenchDrops.Claim(i))).Receipt.TokenNumber), ct);

        var summary = await drop.GetSummary();
        var stream = await context.Streams.Count(id, ct);
        var journal = await drop.GetJournalStats();
        var checks = DropAudit.Verify(load.AcceptedTokens, load.Accepted, supply, summary.Minted, stream);
        return ScenarioResult.From(ScenarioNames.HotDrop, Path, load, drops: 1, supply, checks) with
        {
            MintAppends = stream.Appends - StreamAudit.SetupEvents,
            MintsPerAppend = DropAudit.MintsPerAppend(load.Accepted, stream.Appends),
            StoredEvents = stream.Events,
            AppendCycles = await context.Streams.Cycles(id, ct),
            Notes = [$"drop {id}; activation appends {journal.Appends:N0} for {journal.EventsAppended:N0} events; snapshot at v{journal.SnapshotVersion?.ToString() ?? "-"}"],
        };
    }
}
