using Marten;
using Orleans.Concurrency;

namespace MicroEvents.Fulfilment;

[StatelessWorker]
public sealed class FulfilmentDeskGrain(IDocumentStore store) : Grain, IFulfilmentDeskGrain
{
    public async Task<IReadOnlyList<DeadLetterView>> DeadLetters(int limit) =>
        (await new OrderDocuments(store).DeadLetters(Math.Clamp(limit, 1, 1000)))
            .Select(d => new DeadLetterView(d.Id, d.Attempts, d.LastError, d.At)).ToList();
}
