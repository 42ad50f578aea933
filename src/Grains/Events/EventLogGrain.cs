using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.Telemetry;
using Orleans.Concurrency;

namespace MicroEvents.Events;

/// <summary>A stateless reader beside the actors: export pages never pass through (or wake) an actor.</summary>
[StatelessWorker]
public sealed class EventLogGrain(IDocumentStore store, EventJournal journal, ActorMetrics metrics) : Grain, IEventLogGrain
{
    private readonly EventLog _log = new(store);

    public async Task<IReadOnlyList<ExportedEvent>> Read(EventFilter filter, int limit)
    {
        // An outage answers 503 with Retry-After, like every other read; the client resumes with after=.
        var page = await journal.Breaker.Read(() => _log.Page(filter, limit));
        metrics.Exported.Add(page.Count);
        return page;
    }
}
