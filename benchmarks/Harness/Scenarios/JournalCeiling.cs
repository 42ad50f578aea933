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
/// Each size alternates short rounds of the journal and of <see cref="RawInsertCeiling"/> after an untimed
/// round of each, so on a machine shared with other work both see the same load and neither runs cold.
/// </summary>
public sealed class JournalCeiling(ScenarioContext context)
{
    public static readonly int[] BatchSizes = [1, 10, 100, 500, 2000];
    private const int Rounds = 4;

    public async Task<IReadOnlyList<AppendProbe>> Run(CancellationToken ct)
    {
        var journal = new EventJournal(context.Store, Options.Create(new JournalOptions { SnapshotEvery = 0 }));
        var perSize = context.Settings.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);
        var round = perSize / Rounds;
        var results = new List<AppendProbe>();
        foreach (var size in BatchSizes)
        {
            var probe = new Probe(journal, $"probe/{size}-{context.RunTag}", size);
            await using var raw = await RawInsertCeiling.Open(context, size, ct);
            await probe.Run(round / 2, null, ct);
            await raw.Run(round / 2, ct);

            var latency = new LatencyRecorder();
            long journalEvents = 0, rawEvents = 0;
            double journalSeconds = 0, rawSeconds = 0;
            for (var r = 0; r < Rounds && !ct.IsCancellationRequested; r++)
            {
                var (events, seconds) = await probe.Run(round, latency, ct);
                (journalEvents, journalSeconds) = (journalEvents + events, journalSeconds + seconds);
                (events, seconds) = await raw.Run(round, ct);
                (rawEvents, rawSeconds) = (rawEvents + events, rawSeconds + seconds);
            }

            var summary = latency.Summary();
            var (perSecond, rawPerSecond) = (Math.Round(journalEvents / journalSeconds, 0), Math.Round(rawEvents / rawSeconds, 0));
            results.Add(new AppendProbe(size, summary.Count, journalEvents, perSecond, summary.P50Ms, summary.P99Ms) { RawEventsPerSecond = rawPerSecond });
            Progress.Line($"  journal append ×{size}: {summary.Count:N0} appends, {perSecond:N0} events/s, p50 {summary.P50Ms:0.00} ms per append; " +
                $"raw PostgreSQL {rawPerSecond:N0} events/s (journal ÷ raw {perSecond / Math.Max(rawPerSecond, 1):0.00}, {Rounds} alternating rounds each)");
        }

        return results;
    }

    /// <summary>One stream the journal appends to, continuing its versions and token numbers from round to round.</summary>
    private sealed class Probe(EventJournal journal, string stream, int size)
    {
        private long _version, _token;

        public async Task<(long Events, double Seconds)> Run(TimeSpan duration, LatencyRecorder? latency, CancellationToken ct)
        {
            long events = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration && !ct.IsCancellationRequested)
            {
                var batch = new object[size];
                for (var i = 0; i < size; i++)
                {
                    _token++;
                    batch[i] = new TokenMinted(BenchDrops.ClaimId(_token), _token, BenchDrops.Wallet(_token), null, DateTimeOffset.UtcNow);
                }

                var start = Stopwatch.GetTimestamp();
                if (!await journal.Append(stream, _version, batch, e => (e as TokenMinted)?.ClaimId, ct))
                    throw new InvalidOperationException($"probe append to {stream} at v{_version} was refused");
                latency?.Record(start, Stopwatch.GetTimestamp());
                _version += size;
                events += size;
            }
            return (events, clock.Elapsed.TotalSeconds);
        }
    }
}
