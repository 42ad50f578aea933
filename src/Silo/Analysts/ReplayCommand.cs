using System.CommandLine;
using MicroEvents.EventSourcing;
using MicroEvents.History;
using MicroEvents.Replay;
using MicroEvents.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace MicroEvents.Silo.Analysts;

/// <summary><c>replay FILE</c>: folds an export with the actors' own folds and compares with the stored streams; exit 0 when all agree.</summary>
public static class ReplayCommand
{
    public static Command Create(Option<string?> connection, VerbRunner run)
    {
        var file = new Argument<FileInfo>("file") { Description = "An NDJSON export (GET /events or the export verb)" };
        var verbose = new Option<bool>("--verbose") { Description = "One line per stream, not only the ones that differ" };
        var command = new Command("replay", "Replay an exported NDJSON file with the same pure folds and compare with the stored summaries.")
            { file, verbose, connection };
        command.SetAction((parse, ct) => run(parse, ct, async (settings, log, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { Console.Error.WriteLine($"No file {path.FullName}"); return 2; }
            await using var storage = await Storage.Resolve(settings, log, ct);
            using var store = JournalStore.Create(storage.ConnectionString, settings.Schema);
            var journal = new EventJournal(store, Options.Create(new JournalOptions { SnapshotEvery = settings.SnapshotEvery }));
            using var reader = path.OpenText();
            var report = await new ReplayCheck(journal, new StreamHistory(store), ReplayCheck.AllKinds).Run(reader, ct);
            foreach (var s in report.Streams.Where(s => parse.GetValue(verbose) || s.Outcome != ReplayOutcome.Agrees))
                Console.Out.WriteLine($"{s.Outcome.ToString().ToLowerInvariant(),-11} {s.Stream} v{s.Version}: {s.Detail}");
            Console.Out.WriteLine($"{report.Lines:N0} events, {report.Streams.Count} streams: {report.Count(ReplayOutcome.Agrees)} agree, " +
                $"{report.Count(ReplayOutcome.Differs)} differ, {report.Count(ReplayOutcome.Incomplete)} incomplete, {report.Count(ReplayOutcome.NotChecked)} not checked");
            return report.AllAgree ? 0 : 1;
        }));
        return command;
    }
}
