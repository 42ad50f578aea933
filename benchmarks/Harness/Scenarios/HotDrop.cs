using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Drops;
using MicroEvents.Receipts;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// One drop, many concurrent callers, claims as grain calls: the group-commit path. Every claim that
/// arrives while an append is in flight should share the next append.
/// </summary>
public sealed class HotDrop(ScenarioContext context, IGrainCluster cluster)
{
    public const string Path = "grain calls";

    /// <param name="receipts">Seal signed batch receipts while the load runs (the sealer actor ticks every second beside the drop).</param>
    /// <param name="variant">Names a variant of the plain scenario (its own drop and result name), e.g. hot-drop-projections.</param>
    public async Task<ScenarioResult> Run(int concurrency, CancellationToken ct, bool receipts = false, string? variant = null)
    {
        var id = context.DropId(variant is not null ? $"{variant}-c{concurrency}" : receipts ? $"hot-receipts-c{concurrency}" : $"hot-c{concurrency}");
        var supply = context.Settings.Supply;
        await BenchDrops.CreateOpen(cluster.Grains, id, supply);
        var drop = cluster.Grains.GetGrain<IDropGrain>(id);
        var sealer = cluster.Grains.GetGrain<IReceiptSealerGrain>(id);
        if (receipts) await sealer.GetSigner();

        var load = await ClaimLoad.Run(context.Plan(supply, concurrency),
            async (i, _) => ClaimAttempt.Accepted((await drop.Claim(BenchDrops.Claim(i))).Receipt.TokenNumber), ct, context.Cpu);

        var summary = await drop.GetSummary();
        var stream = await context.Streams.Count(id, ct);
        var journal = await drop.GetJournalStats();
        var checks = DropAudit.Verify(load.AcceptedTokens, load.Accepted, supply, summary.Minted, stream);
        if (receipts) checks = [.. checks, await ReceiptAudit.Verify(sealer, drop, summary.Minted)];
        return ScenarioResult.From(variant ?? (receipts ? ScenarioNames.HotDropReceipts : ScenarioNames.HotDrop), Path, load, drops: 1, supply, checks) with
        {
            MintAppends = stream.Appends - StreamAudit.SetupEvents,
            MintsPerAppend = DropAudit.MintsPerAppend(load.Accepted, stream.Appends),
            StoredEvents = stream.Events,
            AppendCycles = await context.Streams.Cycles(id, ct),
            Notes = [$"drop {id}; activation appends {journal.Appends:N0} for {journal.EventsAppended:N0} events; snapshot at v{journal.SnapshotVersion?.ToString() ?? "-"}"],
        };
    }

    /// <summary>hot-drop held for a warm-up and a measured window (<see cref="SteadyGrainLoad"/>), on a drop that cannot sell out.</summary>
    public async Task<ScenarioResult> RunSustained(int concurrency, CancellationToken ct)
    {
        var id = context.DropId($"{ScenarioNames.HotDropSustained}-c{concurrency}");
        const long supply = DefaultSystem.Supply;
        await BenchDrops.CreateOpen(cluster.Grains, id, supply);
        var drop = cluster.Grains.GetGrain<IDropGrain>(id);

        var (load, window) = await SteadyGrainLoad.Measure(context, concurrency, supply,
            async (i, _) => ClaimAttempt.Accepted((await drop.Claim(BenchDrops.Claim(i))).Receipt.TokenNumber),
            async _ => (await drop.GetSummary()).Minted, ScenarioNames.HotDropSustained, ct);

        var summary = await drop.GetSummary();
        var stream = await context.Streams.Count(id, ct);
        var checks = DropAudit.Verify(load.AcceptedTokens, load.Accepted, supply, summary.Minted, stream);
        return ScenarioResult.From(ScenarioNames.HotDropSustained, Path, load, drops: 1, supply, checks).Steady(window) with
        {
            MintAppends = stream.Appends - StreamAudit.SetupEvents,
            MintsPerAppend = DropAudit.MintsPerAppend(load.Accepted, stream.Appends),
            StoredEvents = stream.Events,
            Notes = [$"drop {id}; claims/s over the measured window, the main table's latency over the whole load (warm-up included)"],
        };
    }
}
