using Marten;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.History;
using MicroEvents.Rejections;
using Orleans.Concurrency;

namespace MicroEvents.Drops;

/// <summary>As-of reads with the drop's own fold, straight from the stream (no snapshot: those only hold the present).</summary>
[StatelessWorker]
public sealed class DropHistoryGrain(IDocumentStore store, EventJournal journal) : Grain, IDropHistoryGrain
{
    private readonly StreamHistory _history = new(store);

    public async Task<DropSummary> SummaryAsOf(AsOf asOf)
    {
        var id = this.GetPrimaryKeyString();
        var past = await journal.Breaker.Read(() => _history.Fold<DropState, DropEvent>(DropStream.Key(id), asOf.Version, asOf.At));
        return past.State.Manifest is null
            ? throw new Rejected(RejectionCodes.DropNotFound, $"No drop '{id}' at that point.")
            : past.State.Summary(past.Version);
    }
}
