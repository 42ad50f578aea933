using System.Diagnostics;
using System.CommandLine;
using System.IO.Pipelines;
using MicroEvents.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Gateway.Events;
using MicroEvents.Rejections;
using MicroEvents.Replay;
using MicroEvents.Silo.Hosting;
using EventLog = MicroEvents.Events.EventLog;

namespace MicroEvents.Silo.Analysts;

/// <summary>
/// <c>export --out FILE [filters]</c>: the same NDJSON lines as <c>GET /events</c>, read straight from
/// PostgreSQL page by page (constant memory), each with its hash-chain <c>hash</c> and the file closed by a
/// trailer line (<see cref="ExportWriter"/>), so <c>replay</c> can prove the file whole; throughput and peak
/// memory on stderr.
/// </summary>
public static class ExportCommand
{
    public static Command Create(Option<string?> connection, VerbRunner run)
    {
        var output = new Option<FileInfo>("--out") { Description = "NDJSON file to write", Required = true };
        var stream = new Option<string?>("--stream") { Description = "Only this stream, e.g. drop/summer-jam" };
        var kind = new Option<string?>("--kind") { Description = "Only streams of this kind, e.g. drop" };
        var alias = new Option<string?>("--alias") { Description = "Only this event alias, e.g. drop.token_minted.v1" };
        var from = new Option<string?>("--from") { Description = "Stored at or after (ISO 8601)" };
        var to = new Option<string?>("--to") { Description = "Stored before (ISO 8601)" };
        var after = new Option<long?>("--after") { Description = "Resume after this global sequence (exclusive)" };
        var through = new Option<long?>("--through") { Description = "Up to this global sequence (inclusive)" };
        var limit = new Option<long?>("--limit") { Description = "At most this many events" };
        var command = new Command("export", "Export stored events as NDJSON (one event per line, global sequence order, each with a hash chaining it to the line before; a trailer line with the count and final digest ends the file).")
            { output, stream, kind, alias, from, to, after, through, limit, connection };
        command.SetAction((parse, ct) => run(parse, ct, async (settings, log, ct) =>
        {
            (EventFilter Filter, long? Limit) query;
            try
            {
                query = EventQuery.Parse(parse.GetValue(stream), parse.GetValue(kind), parse.GetValue(alias),
                    parse.GetValue(from), parse.GetValue(to), parse.GetValue(after), parse.GetValue(through), parse.GetValue(limit));
            }
            catch (Rejected invalid)
            {
                foreach (var (field, problems) in invalid.Errors ?? new Dictionary<string, string[]>())
                    Console.Error.WriteLine($"--{field}: {string.Join("; ", problems)}");
                return 2;
            }
            await using var storage = await Storage.Resolve(settings, log, ct);
            using var store = JournalStore.Create(storage.ConnectionString, settings.Schema);
            var file = parse.GetValue(output)!;
            file.Directory?.Create();
            var result = await Write(new EventLog(store), query.Filter, query.Limit, file.FullName, ct);
            Console.Error.WriteLine(result);
            return 0;
        }));
        return command;
    }

    public static async Task<ExportResult> Write(EventLog events, EventFilter filter, long? limit, string path, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        long count = 0, last = filter.After;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true))
        {
            var pipe = PipeWriter.Create(file);
            var export = new ExportWriter(pipe);
            await foreach (var e in events.ReadAll(filter, ct: ct))
            {
                export.Write(e);
                last = e.Sequence;
                if (++count % 1000 == 0) await pipe.FlushAsync(ct);
                if (count == limit) break;
            }
            // Only a finished export gets its trailer: a cut one is then seen as cut.
            export.Complete(filter.After);
            await pipe.CompleteAsync();
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var self = Process.GetCurrentProcess();
        return new ExportResult(count, last, seconds, self.PeakWorkingSet64);
    }
}

/// <summary>What an export did: resume a later export with <c>--after</c> <see cref="LastSequence"/>.</summary>
public sealed record ExportResult(long Events, long LastSequence, double Seconds, long PeakWorkingSetBytes)
{
    public override string ToString() =>
        $"Exported {Events:N0} events in {Seconds:N1} s ({(Seconds > 0 ? Events / Seconds : 0):N0} events/s), " +
        $"last sequence {LastSequence}, peak working set {PeakWorkingSetBytes / (1024 * 1024):N0} MiB";
}
