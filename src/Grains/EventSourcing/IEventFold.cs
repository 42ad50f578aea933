namespace MicroEvents.EventSourcing;

/// <summary>
/// An actor's state as a pure fold of its events. <see cref="Apply"/> never validates and never throws:
/// replaying what is stored must always succeed. Implementations are immutable, so Orleans shares
/// them instead of deep-copying after every batch.
/// </summary>
public interface IEventFold<TSelf, in TEvent> where TSelf : IEventFold<TSelf, TEvent>
{
    /// <summary>A new empty state on every call, never a shared instance: folds must not share mutable parts.</summary>
    static abstract TSelf Initial { get; }

    TSelf Apply(TEvent @event);
}
