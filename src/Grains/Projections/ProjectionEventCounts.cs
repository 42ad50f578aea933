namespace MicroEvents.Projections;

/// <summary>Events the projections daemon loaded, by source (memory or storage), and the pages they came in: what a test and the harness read to see which path ran.</summary>
public sealed class ProjectionEventCounts
{
    private long _memory, _storage, _pages;

    public long FromMemory => Interlocked.Read(ref _memory);

    public long FromStorage => Interlocked.Read(ref _storage);

    /// <summary>Pages that held at least one event, over all projections: how often the daemon did work.</summary>
    public long Pages => Interlocked.Read(ref _pages);

    internal void Add(string source, int count)
    {
        if (count > 0) Interlocked.Increment(ref _pages);
        if (source == Feeds.FeedGrain.FromMemory) Interlocked.Add(ref _memory, count);
        else Interlocked.Add(ref _storage, count);
    }
}
