using System.CommandLine;
using MicroEvents.Modules;
using MicroEvents.Silo.Analysts;

namespace MicroEvents.Silo.Hosting;

/// <summary>
/// A feature's command-line half: its verbs (found by <see cref="CommandLineModules"/>, added to the silo's
/// root command). The host's own verbs (run, migrate, cluster, keys, secrets) stay in Program.
/// </summary>
public interface ICommandLineModule : IFeatureModule
{
    /// <param name="connection">The shared <c>--connection-string</c> option, for verbs that read the journal.</param>
    /// <param name="run">Runs a verb with the resolved settings, turning start-up failures into one clear line.</param>
    IEnumerable<Command> Verbs(Option<string?> connection, VerbRunner run);
}

public static class CommandLineModules
{
    public static IReadOnlyList<ICommandLineModule> All { get; } = FeatureModules.In<ICommandLineModule>(typeof(CommandLineModules).Assembly);

    public static IEnumerable<Command> Verbs(Option<string?> connection, VerbRunner run) =>
        All.SelectMany(m => m.Verbs(connection, run));
}
