namespace MicroEvents.EventSourcing;

/// <summary>
/// The mutable box Orleans' <c>JournaledGrain</c> wants around an immutable fold. Copying the box is
/// O(1) because the fold inside is <c>[Immutable]</c>: this is what keeps TentativeState cheap
/// for a drop with 100,000 mints.
/// </summary>
[GenerateSerializer]
public sealed class StateView<TState, TEvent> where TState : class, IEventFold<TState, TEvent>
{
    [Id(0)] public TState State { get; set; } = TState.Initial;
}
