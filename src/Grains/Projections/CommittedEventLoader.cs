using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten.Events;
using MicroEvents.Feeds;

namespace MicroEvents.Projections;

/// <summary>
/// The page loader of one projection shard of Marten's daemon: what this silo just committed comes from memory
/// (<see cref="CommittedEvents"/>, the objects the grains raised: no read-back, no decode), as the feeds take it
/// (issue #30: the daemon's page reads were the readers' largest cost to PostgreSQL after the leaderboard). Only a run
/// without a gap is served, and never past the daemon's high-water mark, so a page holds exactly the wanted events of
/// (floor, ceiling]; anything memory does not hold from the floor on (a restart, a rebuild, another silo's events, a
/// shard far behind) is loaded from PostgreSQL by Marten's own loader, as before.
/// </summary>
internal sealed class CommittedEventLoader(IEventLoader storage, CommittedEvents memory, EventGraph graph,
    EventFilterable filter, int batchSize, string shard, ProjectionEventCounts counts, FeedMetrics? metrics) : IEventLoader
{
    /// <summary>At most this many committed events are looked at per page (projections that skip most of them, e.g. every mint).</summary>
    private const int MaxScan = 10_000;

    private readonly Type[] _wanted = [.. filter.IncludedEventTypes];

    public async Task<EventPage> LoadAsync(EventRequest request, CancellationToken token)
    {
        var page = FromMemory(request);
        if (page is not null)
        {
            counts.Add(FeedGrain.FromMemory, page.Count);
            if (page.Count > 0) metrics?.Delivered(shard, page.Count, FeedGrain.FromMemory);
            return page;
        }
        page = await storage.LoadAsync(request, token);
        counts.Add(FeedGrain.FromStorage, page.Count);
        if (page.Count > 0) metrics?.Delivered(shard, page.Count, FeedGrain.FromStorage);
        return page;
    }

    /// <summary>The page from memory, or null when memory does not hold the event right after the floor.</summary>
    private EventPage? FromMemory(EventRequest request)
    {
        var size = request.BatchSize > 0 ? request.BatchSize : batchSize;
        var run = memory.After(request.Floor, (int)Math.Clamp(request.HighWater - request.Floor, 0, MaxScan));
        var page = new EventPage(request.Floor);
        var through = request.Floor;
        foreach (var e in run)
        {
            if (e.Sequence > request.HighWater) break;
            through = e.Sequence;
            if (!Wants(e.Data)) continue;
            page.Add(ToEvent(e));
            if (page.Count == size) break;
        }
        if (through == request.Floor) return null;
        // Not full: everything wanted up to `through` is in the page, so the shard's progress may move there (the next
        // page then starts where memory has a gap, if any, and falls back to PostgreSQL). Full: up to its last event.
        page.CalculateCeiling(size, through);
        return page;
    }

    private bool Wants(object data)
    {
        if (_wanted.Length == 0) return true;
        var type = data.GetType();
        foreach (var wanted in _wanted)
            if (wanted.IsAssignableFrom(type)) return true;
        return false;
    }

    /// <summary>The event as Marten's loader would have read it back: its alias, stream, version, sequence, server time, id.</summary>
    private IEvent ToEvent(FeedEvent committed)
    {
        var e = graph.BuildEvent(committed.Data);
        e.Sequence = committed.Sequence;
        e.Version = committed.Version;
        e.StreamKey = committed.StreamKey;
        e.Timestamp = committed.Timestamp;
        e.Id = committed.EventId;
        e.TenantId = JasperFx.StorageConstants.DefaultTenantId;
        return e;
    }
}
