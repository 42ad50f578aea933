using System.Text.Json;

namespace MicroEvents.EventSourcing;

/// <summary>
/// A state whose bulk only grows and never changes once written (a drop's mints). Snapshotted whole, every boundary
/// would rewrite all of it: O(mints) per snapshot, O(mints²) over a hot drop's life (a drop of 200,000 mints wrote
/// 13 MB of JSON every 10,000 claims). Such a state keeps its bulk in numbered pages of a fixed size instead; a full
/// page never changes, so it is stored once, and each snapshot writes only the pages filled since the last one plus a
/// head: everything else, with the part of the bulk past the last full page inline. The head written by the state's
/// JSON converter must say nothing about pages: the journal records how many it stands on.
/// </summary>
public interface ISnapshotPages
{
    /// <summary>Full pages in this state; page k never changes once full.</summary>
    int FullPages { get; }

    void WritePage(int page, Utf8JsonWriter writer);
}

/// <inheritdoc cref="ISnapshotPages"/>
public interface IPagedSnapshot<TSelf> : ISnapshotPages where TSelf : class, IPagedSnapshot<TSelf>
{
    /// <summary>
    /// The state from its head (as the state's JSON converter wrote it for a state of <paramref name="pages"/>.Count
    /// full pages) and those pages in order. Throws <see cref="JsonException"/> when they do not fit together: the
    /// journal then folds the stream instead.
    /// </summary>
    static abstract TSelf FromPages(JsonElement head, IReadOnlyList<JsonElement> pages, JsonSerializerOptions json);
}
