using Marten;
using MicroEvents.EventSourcing;
using Orleans.Concurrency;

namespace MicroEvents.Fulfilment;

[StatelessWorker]
public sealed class FulfilmentDeskGrain(IDocumentStore store, EventJournal journal) : Grain, IFulfilmentDeskGrain
{
    // Through the breaker, as every read of the store: PostgreSQL down is a 503 with Retry-After, not a 500.
    public async Task<IReadOnlyList<DeadLetterView>> DeadLetters(int limit) =>
        (await journal.Breaker.Read(() => new OrderDocuments(store).DeadLetters(Math.Clamp(limit, 1, 1000))))
            .Select(d => new DeadLetterView(d.Id, d.Attempts, d.LastError, d.At)).ToList();
}
