using System.Collections.Immutable;
using MicroEvents.Receipts.Events;

namespace MicroEvents.Drops;

/// <summary>
/// The drop's sealed receipt batches in stream order. Mints are sealed in stream order without gaps, so each
/// batch covers the next run of mint ordinals: a claim's batch is found by binary search on its ordinal.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SealedBatches([property: Id(0)] ImmutableList<SealedBatch> Batches)
{
    public static SealedBatches None => new(ImmutableList<SealedBatch>.Empty);

    /// <summary>The last drop-stream version whose mints are sealed (0: none).</summary>
    public long Through => Batches.IsEmpty ? 0 : Batches[^1].Seal.ToVersion;

    /// <summary>Mints sealed so far: ordinals 1…SealedMints.</summary>
    public long Mints => Batches.IsEmpty ? 0 : Batches[^1].FirstOrdinal + Batches[^1].Seal.Mints - 1;

    public string? Signer => Batches.IsEmpty ? null : Batches[^1].Seal.Signer;

    /// <param name="mintsBefore">Mints the drop had when the seal was recorded: where its snapshot page goes (<see cref="DropSnapshotJson"/>).</param>
    public SealedBatches Add(BatchSealed seal, long mintsBefore) => new(Batches.Add(new SealedBatch(Mints + 1, seal, mintsBefore)));

    public BatchSealed? Of(long ordinal)
    {
        int lo = 0, hi = Batches.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var b = Batches[mid];
            if (ordinal < b.FirstOrdinal) hi = mid - 1;
            else if (ordinal >= b.FirstOrdinal + b.Seal.Mints) lo = mid + 1;
            else return b.Seal;
        }
        return null;
    }
}

/// <summary>A sealed batch, the ordinal of its first mint, and the drop's mints when it was recorded (sealing lags the mints).</summary>
[GenerateSerializer, Immutable]
public sealed record SealedBatch([property: Id(0)] long FirstOrdinal, [property: Id(1)] BatchSealed Seal, [property: Id(2)] long MintsBefore);
