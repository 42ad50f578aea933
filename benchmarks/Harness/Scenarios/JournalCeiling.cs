using System.Diagnostics;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using Microsoft.Extensions.Options;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// A diagnostic, not a claim path: the product's own <see cref="EventJournal.Append"/> called back to back
/// by one writer (as a drop does) with fixed batch sizes, no Orleans involved. It shows what storage
/// alone allows per append and per event, so the hot-drop figure can be split into storage and grain time.
/// </summary>
public sealed class JournalCeiling(ScenarioContext context)
{
    public static readonly int[] BatchSizes = [1, 10, 100, 500, 2000];

    public async Task<IReadOnlyList<AppendProbe>> Run(CancellationToken ct)
    {
        var journal = new EventJournal(context.Store, Options.Create(new JournalOptions { SnapshotEvery = 0 }));
        var perSize = context.Settings.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);
        var results = new List<AppendProbe>();
        foreach (var size in BatchSizes)
        {
            var stream = $"probe/{size}-{context.RunTag}";
            long version = 0, token = 0;
            var latency = new LatencyRecorder();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < perSize && !ct.IsCancellationRequested)
            {
                var events = new object[size];
                for (var i = 0; i < size; i++)
                {
                    token++;
                    events[i] = new TokenMinted(BenchDrops.ClaimId(token), token, BenchDrops.Wallet(token), null, DateTimeOffset.UtcNow);
                }

                var start = Stopwatch.GetTimestamp();
                if (!await journal.Append(stream, version, events, e => (e as TokenMinted)?.ClaimId, ct))
                    throw new InvalidOperationException($"probe append to {stream} at v{version} was refused");
                latency.Record(start, Stopwatch.GetTimestamp());
                version += size;
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            var summary = latency.Summary();
            // Right after, on the same server: the chain of ceilings' first stage at the same batch size.
            var raw = await new RawInsertCeiling(context).EventsPerSecond(size, perSize, ct);
            results.Add(new AppendProbe(size, summary.Count, version, Math.Round(version / elapsed, 0), summary.P50Ms, summary.P99Ms) { RawEventsPerSecond = raw });
            Progress.Line($"  journal append ×{size}: {summary.Count:N0} appends, {version / elapsed:N0} events/s, p50 {summary.P50Ms:0.00} ms per append; " +
                $"raw PostgreSQL {raw:N0} events/s (journal ÷ raw {version / elapsed / Math.Max(raw, 1):0.00})");
        }

        return results;
    }
}
