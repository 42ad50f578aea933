namespace MicroEvents.EventSourcing;

/// <summary>What a pure decision returns: the events to append and the answer for the caller.</summary>
public readonly record struct Decision<TResult, TEvent>(TResult Result, IReadOnlyList<TEvent> Events)
{
    public static Decision<TResult, TEvent> Unchanged(TResult result) => new(result, []);
}
