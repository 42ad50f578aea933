using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Daemon;
using MicroEvents.Modules;

namespace MicroEvents.Projections;

/// <summary>
/// Every projection the daemon keeps. Adding one is a file with a <see cref="TableProjection"/> and a
/// line in its feature's module (<see cref="ISiloModule.Projections"/>).
/// </summary>
public static class ProjectionCatalogue
{
    public static IReadOnlyList<TableProjection> For(string schema) =>
        [.. SiloModules.All.SelectMany(m => m.Projections(schema))];

    public static IEnumerable<string> Names => For("any").Select(p => p.Name);

    /// <summary>Registers the projections (async, run by the daemon) and their tables with the store.</summary>
    public static void Configure(StoreOptions opts, string schema)
    {
        // The journal's appends NOTIFY (AppendQueue), so a projection wakes on a commit instead of waiting for its next
        // poll. The daemon LISTENs through its own paced wake-up (DaemonPace), which Marten would replace with an
        // unpaced one were its LISTEN option on.
        opts.Events.UseListenNotifyForEventAppends = false;
        // The daemon is started by ProjectionDaemonGrain, not by Marten's hosted coordinator (so Marten
        // does not warn on every store that it is disabled).
        opts.Projections.AsyncMode = DaemonMode.ExternallyManaged;
        foreach (var projection in For(schema))
        {
            foreach (var table in projection.Tables) opts.Storage.ExtendedSchemaObjects.Add(table);
            opts.Projections.Add(projection, ProjectionLifecycle.Async, projection.Name, async =>
            {
                // A page is folded into a few set-based statements, so bigger pages mean fewer round trips when behind.
                async.BatchSize = 2_000;
                foreach (var table in projection.Tables) async.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
            });
            // Add wraps the projection; the wrapper is what the daemon asks for its event filter.
            if (opts.Projections.All[^1] is IEventFilterable filter)
                foreach (var type in projection.EventTypes) filter.IncludeType(type);
        }
    }
}
