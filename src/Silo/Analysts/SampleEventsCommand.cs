using System.CommandLine;
using System.Diagnostics;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace MicroEvents.Silo.Analysts;

/// <summary>
/// <c>sample-events --events N</c>: fills the journal with sold-out sample drops (<c>sample-…</c>), decided by
/// the real drop rules and appended by the real journal in large batches, so exports can be measured at scale.
/// </summary>
public static class SampleEventsCommand
{
    private const int EventsPerAppend = 2_000;

    public static Command Create(Option<string?> connection, VerbRunner run)
    {
        var events = new Option<long>("--events") { Description = "Events to write (about)", DefaultValueFactory = _ => 1_000_000 };
        var drops = new Option<int>("--drops") { Description = "Drops to spread them over", DefaultValueFactory = _ => 100 };
        var command = new Command("sample-events", "Write sample drops (sold out, ids sample-…) to measure exports; not for production databases.")
            { events, drops, connection };
        command.SetAction((parse, ct) => run(parse, ct, async (settings, log, ct) =>
        {
            await using var storage = await Storage.Resolve(settings, log, ct);
            using var store = JournalStore.Create(storage.ConnectionString, settings.Schema);
            await JournalStore.ApplySchema(store);
            var journal = new EventJournal(store, Options.Create(new JournalOptions { SnapshotEvery = 0 }));
            var started = Stopwatch.GetTimestamp();
            var count = await Write(journal, parse.GetValue(events), Math.Max(1, parse.GetValue(drops)), ct);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.Error.WriteLine($"Wrote {count:N0} events in {seconds:N1} s ({count / seconds:N0} events/s)");
            return 0;
        }));
        return command;
    }

    public static async Task<long> Write(EventJournal journal, long events, int drops, CancellationToken ct)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var supply = Math.Max(1, events / drops - 2);
        long written = 0;
        await Parallel.ForAsync(0, drops, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, async (d, ct) =>
        {
            var n = await WriteDrop(journal, $"sample-{run}-{d}", supply, ct);
            Interlocked.Add(ref written, n);
        });
        return written;
    }

    private static async Task<long> WriteDrop(EventJournal journal, string id, long supply, CancellationToken ct)
    {
        var stream = DropStream.Key(id);
        var now = DateTimeOffset.UtcNow;
        var state = DropState.Initial;
        var pending = new List<object>();
        long version = 0;
        Decide(DropDecisions.Create(state, Manifest(id, supply), now).Events);
        Decide(DropDecisions.Open(state, now).Events);
        for (var i = 1; i <= supply; i++)
        {
            Decide(DropDecisions.Claim(state, new ClaimToken($"c{i}", Wallet(i), null), now).Events);
            if (pending.Count >= EventsPerAppend) await Flush();
        }
        await Flush();
        return version;

        void Decide(IReadOnlyList<DropEvent> decided)
        {
            foreach (var e in decided) { state = state.Apply(e); pending.Add(e); }
        }

        async Task Flush()
        {
            if (pending.Count == 0) return;
            if (!await journal.Append(stream, version, pending, e => e is TokenMinted m ? m.ClaimId : null, ct))
                throw new InvalidOperationException($"{stream} moved while sample events were written");
            version += pending.Count;
            pending.Clear();
        }
    }

    private static CreateDrop Manifest(string id, long supply) =>
        new(id, $"Sample {id}", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", supply, 1, null, null, [],
            [new DropAsset("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/sample.png", new string('a', 64), "image/png")]);

    private static string Wallet(long i) => "0x" + i.ToString("x40");
}
