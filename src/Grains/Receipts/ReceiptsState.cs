using System.Collections.Immutable;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts.Events;

namespace MicroEvents.Receipts;

/// <summary>The sealed batches of one drop, in stream order.</summary>
[GenerateSerializer, Immutable]
public sealed record ReceiptsState : IEventFold<ReceiptsState, ReceiptEvent>
{
    public static ReceiptsState Initial => new();

    [Id(0)] public ImmutableList<BatchSealed> Batches { get; init; } = [];

    public long SealedThroughVersion => Batches.IsEmpty ? 0 : Batches[^1].ToVersion;

    public ReceiptsState Apply(ReceiptEvent @event) => @event switch
    {
        BatchSealed sealedBatch => this with { Batches = Batches.Add(sealedBatch) },
        _ => this,
    };

    public BatchSealed? BatchOf(long tokenNumber)
    {
        // Batches are in token order: binary search by last token.
        int lo = 0, hi = Batches.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var b = Batches[mid];
            if (tokenNumber < b.FirstToken) hi = mid - 1;
            else if (tokenNumber > b.LastToken) lo = mid + 1;
            else return b;
        }
        return null;
    }
}
