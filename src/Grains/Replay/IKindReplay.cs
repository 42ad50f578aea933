using MicroEvents.EventSourcing;

namespace MicroEvents.Replay;

/// <summary>
/// How the replay check folds one kind of stream (<c>drop/…</c>) from exported lines and reads the live
/// answer to compare with. A new actor kind adds one of these beside its fold; nothing else changes.
/// </summary>
public interface IKindReplay
{
    string Kind { get; }

    IStreamReplay Start();

    /// <summary>The stored stream's summary at <paramref name="version"/> as JSON, or null when the stream does not exist.</summary>
    Task<LiveSummary?> Live(EventJournal journal, History.StreamHistory history, string streamKey, long version, CancellationToken ct);
}

/// <summary>One stream being folded from exported lines with the actor's own pure fold.</summary>
public interface IStreamReplay
{
    /// <summary>Throws when the alias is unknown to this kind or the data does not read.</summary>
    void Apply(string alias, string dataJson);

    string SummaryJson(long version);
}

/// <summary>The stored stream's answer; <see cref="CurrentVersion"/> above the compared version means it moved on after the export.</summary>
public sealed record LiveSummary(string Json, long CurrentVersion);
