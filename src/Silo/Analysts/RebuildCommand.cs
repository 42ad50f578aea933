using System.CommandLine;
using System.Diagnostics;
using MicroEvents.EventSourcing;
using MicroEvents.Projections;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Analysts;

/// <summary>
/// <c>rebuild &lt;projection&gt;</c>: empties a projection's tables and replays every stored event into
/// them. It takes the projections' lease first, so it never races a running daemon: while a silo holds
/// it, rebuild through that silo (<c>POST /projections/{name}/rebuild</c>) instead.
/// </summary>
public static class RebuildCommand
{
    public static Command Create(Option<string?> connection, VerbRunner run)
    {
        var name = new Argument<string>("projection") { Description = "The projection: " + string.Join(", ", ProjectionCatalogue.Names) };
        var command = new Command("rebuild", "Rebuild a projection from every stored event (when no silo runs the projections).") { name, connection };
        command.SetAction((parse, ct) => run(parse, ct, async (settings, log, ct) =>
        {
            var projection = parse.GetValue(name)!;
            if (!ProjectionCatalogue.Names.Contains(projection))
            {
                Console.Error.WriteLine($"No projection '{projection}'. Known: {string.Join(", ", ProjectionCatalogue.Names)}");
                return 2;
            }
            await using var storage = await Storage.Resolve(settings, log, ct);
            using var store = JournalStore.Create(storage.ConnectionString, settings.Schema);
            await JournalStore.ApplySchema(store);
            await using var lease = await ProjectionLease.TryTake(store, ct);
            if (lease is null)
            {
                Console.Error.WriteLine($"A silo is running the projections: rebuild through it with POST /projections/{projection}/rebuild (operator).");
                return 3;
            }
            var watch = Stopwatch.StartNew();
            using var daemon = await store.BuildProjectionDaemonAsync();
            await daemon.RebuildProjectionAsync(projection, ProjectionDaemonGrain.RebuildTimeout, ct);
            var status = (await ProjectionPositions.Read(store, ct)).First(p => p.Name == projection);
            Console.Error.WriteLine($"Rebuilt {projection} up to sequence {status.Position} (highest stored {status.HighestSequence}) in {watch.Elapsed.TotalSeconds:0.0} s");
            return 0;
        }));
        return command;
    }
}
