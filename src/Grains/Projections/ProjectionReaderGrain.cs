using Marten;
using MicroEvents.EventSourcing;
using Orleans.Concurrency;

namespace MicroEvents.Projections;

/// <summary>
/// How far every projection has read, on any silo; never touches an actor. Each projection's own answers are read
/// by its feature's reader grain (<c>DropStatsGrain</c>, <c>FulfilmentStatsGrain</c>, <c>VenueStatsGrain</c>).
/// </summary>
[StatelessWorker]
public sealed class ProjectionReaderGrain(IDocumentStore store, EventJournal journal) : Grain, IProjectionReaderGrain
{
    public Task<IReadOnlyList<ProjectionStatus>> Status() => journal.Breaker.Read(() => ProjectionPositions.Read(store, CancellationToken.None));
}
