using MicroEvents.EventSourcing;
using MicroEvents.History;

namespace MicroEvents.Replay;

/// <summary>
/// How the replay check folds one kind of stream (<c>drop/…</c>) from exported lines, and the state the
/// store holds for it. Found from the event aliases (<see cref="ReplayKinds"/>): a new actor whose fold
/// implements <see cref="IEventFold{TSelf,TEvent}"/> is checked without any change here.
/// </summary>
public interface IKindReplay
{
    string Kind { get; }

    IStreamReplay Start();

    /// <summary>The stored stream's state at <paramref name="version"/> as JSON, or null when the stream does not reach it.</summary>
    Task<StoredState?> Stored(EventJournal journal, StreamHistory history, string streamKey, long version, CancellationToken ct);
}

/// <summary>One stream being folded from exported lines with the actor's own pure fold.</summary>
public interface IStreamReplay
{
    /// <summary>Throws when the alias is unknown to this kind or the data does not read.</summary>
    void Apply(string alias, string dataJson);

    /// <summary>The folded state as JSON, in the shape snapshots use.</summary>
    string StateJson();
}

/// <summary>The stored stream's state; <see cref="CurrentVersion"/> above the compared version means it moved on after the export.</summary>
public sealed record StoredState(string Json, long CurrentVersion);
