using System.CommandLine;
using MicroEvents.Silo.Analysts;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Venues;

/// <summary>Venues' verb: a simulated venue node against a gateway.</summary>
public sealed class VenuesModule : ICommandLineModule
{
    public IEnumerable<Command> Verbs(Option<string?> connection, VerbRunner run) => [NodeSimCommand.Create()];
}
