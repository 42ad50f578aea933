using System.CommandLine;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Analysts;

/// <summary>The analysts' verbs: the event catalogue, export, replay, sample events, projection rebuilds.</summary>
public sealed class AnalystsModule : ICommandLineModule
{
    public IEnumerable<Command> Verbs(Option<string?> connection, VerbRunner run) =>
    [
        CatalogueCommand.Create(),
        ExportCommand.Create(connection, run),
        ReplayCommand.Create(connection, run),
        SampleEventsCommand.Create(connection, run),
        RebuildCommand.Create(connection, run),
    ];
}
