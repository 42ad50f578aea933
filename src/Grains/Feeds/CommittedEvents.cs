namespace MicroEvents.Feeds;

/// <summary>
/// What this silo's journal committed lately, in global sequence order, as the very objects it wrote: the feeds
/// living in this silo take their events from here instead of reading back and decoding what was just written
/// (issue #30: every reader re-reading every mint cost PostgreSQL more than the claims). Only a run of sequence
/// numbers without a gap is handed out, so nothing can be skipped: an event committed elsewhere (another silo),
/// by an append whose outcome was unknown, or older than the newest <see cref="Capacity"/> events is a gap here,
/// and the feed reads that stretch from PostgreSQL as before. Published only after the commit, so all of it is durable.
/// </summary>
public sealed class CommittedEvents
{
    /// <summary>Events kept: about ten seconds of a hot drop; a reader further behind reads PostgreSQL.</summary>
    public const int Capacity = 50_000;

    private readonly Lock _gate = new();
    private readonly List<FeedEvent> _events = [];
    // The same events by stream, in version order, for a reader of one stream (the drop's receipt sealer).
    private readonly Dictionary<string, List<FeedEvent>> _byStream = [];

    /// <summary>Adds the events of one commit (any order); called by the journal after PostgreSQL committed them.</summary>
    public void Publish(IReadOnlyList<FeedEvent> committed)
    {
        if (committed.Count == 0) return;
        lock (_gate)
        {
            var sorted = IsSorted(committed) ? committed : [.. committed.OrderBy(e => e.Sequence)];
            // Commits may finish out of their numbering's order (a journal's two commits in flight, two journals in one
            // process). Only the few newest events can be after this commit's first, so they are merged, not the whole
            // list sorted again.
            if (_events.Count == 0 || _events[^1].Sequence < sorted[0].Sequence) _events.AddRange(sorted);
            else MergeIntoTail(sorted);
            foreach (var e in sorted)
            {
                if (!_byStream.TryGetValue(e.StreamKey, out var stream)) _byStream[e.StreamKey] = stream = [];
                stream.Add(e);
                if (stream.Count > 1 && stream[^2].Version > e.Version) stream.Sort((a, b) => a.Version.CompareTo(b.Version));
            }
            // Trimmed in halves, so the copy is paid once per Capacity events, not once per commit.
            if (_events.Count >= 2 * Capacity) Trim(_events.Count - Capacity);
        }
    }

    /// <summary>
    /// The events numbered <paramref name="after"/> + 1, + 2, … as long as none is missing, at most <paramref name="max"/>;
    /// empty when <paramref name="after"/> + 1 is not held (not committed yet, committed elsewhere, or already dropped).
    /// </summary>
    public IReadOnlyList<FeedEvent> After(long after, int max)
    {
        lock (_gate)
        {
            var i = IndexOf(after + 1);
            if (i < 0) return [];
            var run = new List<FeedEvent>();
            for (var next = after + 1; i < _events.Count && run.Count < max && _events[i].Sequence == next; i++, next++)
                run.Add(_events[i]);
            return run;
        }
    }

    /// <summary>
    /// The events of stream <paramref name="streamKey"/> from version <paramref name="fromVersion"/> on, as long as none is
    /// missing, up to <paramref name="toVersion"/> (null: as far as held); empty when <paramref name="fromVersion"/> is not held.
    /// Whole appends only: each commit is published at once.
    /// </summary>
    public IReadOnlyList<FeedEvent> OfStream(string streamKey, long fromVersion, long? toVersion)
    {
        lock (_gate)
        {
            if (!_byStream.TryGetValue(streamKey, out var stream) || stream.Count == 0) return [];
            var i = fromVersion - stream[0].Version;
            if (i < 0 || i >= stream.Count || stream[(int)i].Version != fromVersion) return [];
            var run = new List<FeedEvent>();
            for (var next = fromVersion; i < stream.Count && stream[(int)i].Version == next && next <= (toVersion ?? long.MaxValue); i++, next++)
                run.Add(stream[(int)i]);
            return run;
        }
    }

    private void Trim(int count)
    {
        foreach (var dropped in _events.Take(count).GroupBy(e => e.StreamKey))
        {
            var stream = _byStream[dropped.Key];
            stream.RemoveRange(0, Math.Min(stream.Count, dropped.Count()));
            if (stream.Count == 0) _byStream.Remove(dropped.Key);
        }
        _events.RemoveRange(0, count);
    }

    private void MergeIntoTail(IReadOnlyList<FeedEvent> sorted)
    {
        var from = _events.Count;
        while (from > 0 && _events[from - 1].Sequence > sorted[0].Sequence) from--;
        var tail = _events.GetRange(from, _events.Count - from);
        _events.RemoveRange(from, tail.Count);
        int t = 0, c = 0;
        while (t < tail.Count || c < sorted.Count)
            _events.Add(c == sorted.Count || (t < tail.Count && tail[t].Sequence < sorted[c].Sequence) ? tail[t++] : sorted[c++]);
    }

    private int IndexOf(long sequence)
    {
        int low = 0, high = _events.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var at = _events[mid].Sequence;
            if (at == sequence) return mid;
            if (at < sequence) low = mid + 1;
            else high = mid - 1;
        }
        return -1;
    }

    private static bool IsSorted(IReadOnlyList<FeedEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
            if (events[i - 1].Sequence > events[i].Sequence) return false;
        return true;
    }
}
