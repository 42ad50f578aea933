using System.Diagnostics;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using Microsoft.Extensions.Options;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// A drop with a long stream (100,000 mints by default) is deactivated and called again: the time until
/// it answers (first call, which reads the snapshot and folds the tail) and mints once more (first claim).
/// In-process, the drop is built on a silo that takes snapshots; the "with snapshots" variant reactivates
/// it there (Orleans' ForceActivationCollection, which waits for deactivation and so for the last
/// snapshot), the "snapshots off" variant on a fresh silo with snapshots disabled that folds every event.
/// </summary>
public sealed class ColdStart(ScenarioContext context)
{
    public const int Reactivations = 3;

    private readonly List<long> _tokens = [];
    private long _nextClaim;

    public async Task<IReadOnlyList<ColdStartResult>> Run(Func<int, Task<IGrainCluster>> startSilo, CancellationToken ct)
    {
        var settings = context.Settings;
        var id = context.DropId("cold");
        var every = settings.ColdStartSnapshotEvery;
        var results = new List<ColdStartResult>();

        await using (var silo = await startSilo(every))
        {
            await Build(silo, id, ct);
            results.Add(settings.Cluster
                ? await Measure(silo, id, "the running cluster's snapshot setting", null, ct)
                : await Measure(silo, id, $"snapshots every {every:N0}", every, ct));
        }

        if (!settings.Cluster)
        {
            await using var silo = await startSilo(0);
            await Warmup.Grains(context, silo, "warm-cold", ct);
            results.Add(await Measure(silo, id, "snapshots off", 0, ct));
        }

        return results;
    }

    private async Task Build(IGrainCluster silo, string id, CancellationToken ct)
    {
        var events = context.Settings.ColdStartEvents;
        await BenchDrops.CreateOpen(silo.Grains, id, events + 100);
        var drop = silo.Grains.GetGrain<IDropGrain>(id);
        var load = await ClaimLoad.Run(new LoadPlan(Math.Max(context.Settings.Concurrency, 500), events, TimeSpan.FromMinutes(10)),
            async (i, _) => ClaimAttempt.Accepted((await drop.Claim(BenchDrops.Claim(i))).Receipt.TokenNumber), ct);
        _tokens.AddRange(load.AcceptedTokens);
        _nextClaim = events;
        Progress.Line($"  built {id}: {load.Accepted:N0} mints in {load.Elapsed.TotalSeconds:0.0} s ({load.Throughput.Overall:N0}/s), {load.Failed} failed");
    }

    private async Task<ColdStartResult> Measure(IGrainCluster silo, string id, string variant, int? snapshotEvery, CancellationToken ct)
    {
        var drop = silo.Grains.GetGrain<IDropGrain>(id);
        var streamEvents = (await context.Streams.Count(id, ct)).Events;
        var runs = new List<Reactivation>();
        for (var r = 0; r < Reactivations; r++)
        {
            await silo.Deactivate(drop);
            var start = Stopwatch.GetTimestamp();
            await drop.GetSummary();
            var summarised = Stopwatch.GetTimestamp();
            var outcome = await drop.Claim(BenchDrops.Claim(_nextClaim++));
            var claimed = Stopwatch.GetTimestamp();
            _tokens.Add(outcome.Receipt.TokenNumber);

            var stats = await drop.GetJournalStats();
            runs.Add(new Reactivation(Ms(start, summarised), Ms(summarised, claimed), Ms(start, claimed),
                stats.EventsReadOnActivation, stats.SnapshotVersion, stats.Appends));
        }

        var summary = await drop.GetSummary();
        var stream = await context.Streams.Count(id, ct);
        var checks = new List<Check>(DropAudit.Verify(_tokens, _tokens.Count, summary.Supply, summary.Minted, stream))
        {
            new("every measured call reactivated the drop (one append since activation)", runs.All(r => r.AppendsSinceActivation == 1),
                string.Join(", ", runs.Select(r => r.AppendsSinceActivation))),
        };
        if (snapshotEvery is > 0)
            checks.Add(new Check("reactivation started from a snapshot", runs.All(r => r.SnapshotVersion is > 0),
                string.Join(", ", runs.Select(r => r.SnapshotVersion?.ToString() ?? "none"))));

        var median = runs.Select(r => r.TimeToFirstClaimMs).Order().ElementAt(runs.Count / 2);
        var journalRead = await JournalRead(id, snapshotEvery ?? context.Settings.SnapshotEvery, ct);
        Progress.Line($"  cold-start {variant}: time to first claim {string.Join(" / ", runs.Select(r => $"{r.TimeToFirstClaimMs:0.0}"))} ms, " +
            $"events read {runs[0].EventsReadOnActivation:N0}");
        return new ColdStartResult
        {
            Variant = variant,
            SnapshotEvery = snapshotEvery,
            StreamEvents = streamEvents,
            Reactivations = runs,
            TimeToFirstClaimMs = median,
            SnapshotBytes = await context.Streams.SnapshotBytes(id, ct),
            JournalReadMs = journalRead,
            SnapshotCost = snapshotEvery is > 0 ? await SnapshotCost.Measure(context.Database.ConnectionString, context.Settings.Schema, id, ct) : null,
            Checks = checks,
            Notes = [$"drop {id}; median of {Reactivations} deactivate/reactivate cycles, each adds one mint"],
        };
    }

    /// <summary>
    /// The product's own journal read (snapshot + tail, fold) timed directly in this process, without Orleans:
    /// how much of the reactivation is storage and fold rather than activation.
    /// </summary>
    private async Task<double> JournalRead(string id, int snapshotEvery, CancellationToken ct)
    {
        var journal = new EventJournal(context.Store, Options.Create(new JournalOptions { SnapshotEvery = snapshotEvery }));
        var times = new List<double>();
        for (var i = 0; i < Reactivations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await journal.Read<DropState, DropEvent>($"drop/{id}", ct);
            times.Add(Ms(start, Stopwatch.GetTimestamp()));
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    private static double Ms(long from, long to) => Math.Round(Stopwatch.GetElapsedTime(from, to).TotalMilliseconds, 2);
}
