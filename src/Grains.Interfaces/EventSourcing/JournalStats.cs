namespace MicroEvents.EventSourcing;

/// <summary>
/// How an actor's event stream was read and written by the current activation: what operators
/// look at to see that snapshots and group commit are doing their job.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JournalStats(
    [property: Id(0)] long Version,
    [property: Id(1)] long? SnapshotVersion,
    [property: Id(2)] int EventsReadOnActivation,
    [property: Id(3)] long Appends,
    [property: Id(4)] long EventsAppended);
