using System.Collections.Immutable;

namespace MicroEvents.Drops;

/// <summary>
/// A drop's token numbers: <see cref="Issued"/> new numbers handed out (1…Issued) and the numbers given
/// back since, in the order they came back. The next claimant gets the oldest given-back number before
/// a new one, so numbers stay within 1…supply and, at every moment, held + available = supply.
/// Every operation is O(1) (amortised for the queue), so the hot path does not grow with the drop.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TokenPool(
    [property: Id(0)] long Supply,
    [property: Id(1)] long Issued,
    [property: Id(2)] ImmutableQueue<long> Returned,
    [property: Id(3)] long ReturnedCount)
{
    public static TokenPool For(long supply) => new(supply, 0, ImmutableQueue<long>.Empty, 0);

    /// <summary>Numbers someone holds now.</summary>
    public long Held => Issued - ReturnedCount;

    /// <summary>Numbers the next claimants can still receive.</summary>
    public long Available => Supply - Held;

    /// <summary>The number the next claim receives: the oldest given back, else the next new one.</summary>
    public long Next => ReturnedCount > 0 ? Returned.Peek() : Issued + 1;

    /// <summary>Folds a stored mint of <paramref name="number"/>; never throws, whatever the stream holds.</summary>
    public TokenPool Take(long number)
    {
        if (ReturnedCount > 0 && Returned.Peek() == number) return this with { Returned = Returned.Dequeue(), ReturnedCount = ReturnedCount - 1 };
        return number > Issued ? this with { Issued = number } : this;
    }

    public TokenPool GiveBack(long number) => this with { Returned = Returned.Enqueue(number), ReturnedCount = ReturnedCount + 1 };
}
