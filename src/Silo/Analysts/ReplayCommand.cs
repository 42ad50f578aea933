using System.CommandLine;
using MicroEvents.EventSourcing;
using MicroEvents.Replay;
using MicroEvents.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace MicroEvents.Silo.Analysts;

/// <summary>
/// <c>replay FILE</c>: checks an export against the store: the file's hash chain and trailer, every line
/// against the stored event, every complete stream's folded state against the stored state. The exit
/// code is the <see cref="ReplayVerdict"/>.
/// </summary>
public static class ReplayCommand
{
    public const string ExitCodes =
        "Exit codes: 0 identical (intact chain and trailer, every event and state equal to the store); " +
        "1 differs (a line, the hash chain, the trailer or a folded state differs; the line is named); " +
        "2 unreadable (no such file, or a line that does not read, e.g. cut short; the line is named); " +
        "3 unverifiable (everything present agrees, but the file has no hash chain or trailer: an older export or GET /events, so a missing tail cannot be ruled out).";

    public static Command Create(Option<string?> connection, VerbRunner run)
    {
        var file = new Argument<FileInfo>("file") { Description = "An NDJSON export (the export verb, or GET /events)" };
        var verbose = new Option<bool>("--verbose") { Description = "One line per stream, not only the ones that differ" };
        var command = new Command("replay",
            "Check an exported NDJSON file against the stored events: its hash chain and trailer, every event line by line, " +
            "and every complete stream folded with the actor's own fold against the stored state. " + ExitCodes)
            { file, verbose, connection };
        command.SetAction((parse, ct) => run(parse, ct, async (settings, log, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"unreadable: no file {path.FullName}");
                return (int)ReplayVerdict.Unreadable;
            }
            await using var storage = await Storage.Resolve(settings, log, ct);
            using var store = JournalStore.Create(storage.ConnectionString, settings.Schema);
            var journal = new EventJournal(store, Options.Create(new JournalOptions { SnapshotEvery = settings.SnapshotEvery }));
            using var reader = path.OpenText();
            var report = await new ReplayCheck(store, journal).Run(reader, ct);
            Print(report, parse.GetValue(verbose), Console.Out);
            return report.ExitCode;
        }));
        return command;
    }

    public static void Print(ReplayReport report, bool verbose, TextWriter output)
    {
        foreach (var finding in report.Findings) output.WriteLine(finding);
        if (report.FindingsLeftOut > 0) output.WriteLine($"... and {report.FindingsLeftOut:N0} more line problems");
        foreach (var s in report.Streams.Where(s => verbose || s.Outcome != ReplayOutcome.Agrees))
            output.WriteLine($"{s.Outcome.ToString().ToLowerInvariant(),-11} {s.Stream} v{s.Version}: {s.Detail}");
        output.WriteLine($"{report.Lines:N0} lines, {report.Events:N0} events, {report.Streams.Count} streams: {report.Count(ReplayOutcome.Agrees)} agree, " +
            $"{report.Count(ReplayOutcome.Differs)} differ, {report.Count(ReplayOutcome.Incomplete)} incomplete, {report.Count(ReplayOutcome.NotChecked)} not checked");
        output.WriteLine($"integrity: {report.Integrity}");
        output.WriteLine($"{report.Verdict.ToString().ToLowerInvariant()} (exit {report.ExitCode})");
    }
}
