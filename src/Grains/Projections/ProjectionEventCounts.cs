namespace MicroEvents.Projections;

/// <summary>Events the projections daemon loaded, by source (memory or storage): what a test and the harness read to see which path ran.</summary>
public sealed class ProjectionEventCounts
{
    private long _memory, _storage;

    public long FromMemory => Interlocked.Read(ref _memory);

    public long FromStorage => Interlocked.Read(ref _storage);

    internal void Add(string source, int count)
    {
        if (source == Feeds.FeedGrain.FromMemory) Interlocked.Add(ref _memory, count);
        else Interlocked.Add(ref _storage, count);
    }
}
