using System.Reflection;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using MicroEvents.Feeds;
using MicroEvents.Projections;
using Microsoft.Extensions.Logging;

namespace MicroEvents.EventSourcing;

/// <summary>
/// The journal's Marten store, with one change: the projections daemon's page loader takes what this silo just
/// committed from memory (<see cref="CommittedEventLoader"/>) before reading PostgreSQL. Marten builds the loader
/// through an explicit <see cref="IEventStore{TOperations,TQuerySession}"/> member (there is no option for a custom
/// event source), so this store re-implements that interface for the loader alone; every other member stays Marten's.
/// </summary>
public sealed class JournalDocumentStore(StoreOptions options) : DocumentStore(options), IEventStore<IDocumentOperations, IQuerySession>
{
    // Marten's own loader factories (explicit interface members, not callable as base.X): found once, read-only.
    private static readonly InterfaceMapping MartenMembers =
        typeof(DocumentStore).GetInterfaceMap(typeof(IEventStore<IDocumentOperations, IQuerySession>));

    private volatile Source? _memory;

    /// <summary>
    /// The connection string the store was made from, password included (Marten's connections no longer show it): the
    /// journal commits on its own connections to the same server (<see cref="CommitConnections"/>).
    /// </summary>
    internal string ConnectionString { get; init; } = "";

    /// <summary>Events the projections daemon loaded from memory and from PostgreSQL since this store was created.</summary>
    public ProjectionEventCounts ProjectionEvents { get; } = new();

    /// <summary>
    /// Set by the silo that starts the daemon (one per cluster), before it starts it: the store may be shared by several
    /// silos of one process (tests), but only the daemon's silo feeds it. Null: PostgreSQL only.
    /// </summary>
    public void FeedProjectionsFrom(CommittedEvents? committed, FeedMetrics? metrics) =>
        _memory = committed is null ? null : new Source(committed, metrics);

    IEventLoader IEventStore<IDocumentOperations, IQuerySession>.BuildEventLoader(IEventDatabase database, ILogger logger,
        EventFilterable filtering, AsyncOptions shardOptions) =>
        FromMemoryFirst(Marten(4, database, logger, filtering, shardOptions), filtering, shardOptions, "projection");

    IEventLoader IEventStore<IDocumentOperations, IQuerySession>.BuildEventLoader(IEventDatabase database, ILogger logger,
        EventFilterable filtering, AsyncOptions shardOptions, ShardName shardName) =>
        FromMemoryFirst(Marten(5, database, logger, filtering, shardOptions, shardName), filtering, shardOptions, $"projection:{shardName.Name}");

    private IEventLoader FromMemoryFirst(IEventLoader storage, EventFilterable filtering, AsyncOptions shardOptions, string shard) =>
        _memory is { } memory
            ? new CommittedEventLoader(storage, memory.Committed, Events, filtering, shardOptions.BatchSize, shard, ProjectionEvents, memory.Metrics)
            : new CountingEventLoader(storage, ProjectionEvents);

    private IEventLoader Marten(int arity, params object[] args)
    {
        for (var i = 0; i < MartenMembers.InterfaceMethods.Length; i++)
            if (MartenMembers.InterfaceMethods[i] is { Name: nameof(IEventStore<IDocumentOperations, IQuerySession>.BuildEventLoader) } m
                && m.GetParameters().Length == arity)
                return (IEventLoader)MartenMembers.TargetMethods[i].Invoke(this, args)!;
        throw new InvalidOperationException($"Marten's DocumentStore has no BuildEventLoader with {arity} parameters.");
    }

    private sealed record Source(CommittedEvents Committed, FeedMetrics? Metrics);

    /// <summary>Marten's loader, counted: the daemon without memory (storage only) still reports where its events came from.</summary>
    private sealed class CountingEventLoader(IEventLoader inner, ProjectionEventCounts counts) : IEventLoader
    {
        public async Task<EventPage> LoadAsync(EventRequest request, CancellationToken token)
        {
            var page = await inner.LoadAsync(request, token);
            counts.Add(FeedGrain.FromStorage, page.Count);
            return page;
        }
    }
}
