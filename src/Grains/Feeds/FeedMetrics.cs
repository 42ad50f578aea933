using System.Diagnostics.Metrics;
using MicroEvents.EventSourcing;

namespace MicroEvents.Feeds;

/// <summary>What the feeds of this silo did: events handed to handlers and batches that failed, by feed.</summary>
public sealed class FeedMetrics
{
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _highWaterReads;
    private readonly Counter<long> _highWaterRows;

    public FeedMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(EventJournal.MeterName);
        _delivered = meter.CreateCounter<long>("microevents.feed.events.delivered", "{event}",
            "Events handed to a feed's handler, by source: memory (what this silo just committed) or storage (read back from PostgreSQL)");
        _highWaterReads = meter.CreateCounter<long>("microevents.feed.highwater.reads", "{read}",
            "Reads of the event sequence's high-water mark from PostgreSQL, shared by a silo's feeds");
        _highWaterRows = meter.CreateCounter<long>("microevents.feed.highwater.rows", "{row}",
            "Event rows those reads walked: what they cost PostgreSQL (only numbers past the silo's mark are read)");
        _failed = meter.CreateCounter<long>("microevents.feed.batches.failed", "{batch}", "Feed batches whose handler threw (retried after a back-off)");
    }

    public void Delivered(string feed, int count, string source) =>
        _delivered.Add(count, new KeyValuePair<string, object?>("feed", feed), new KeyValuePair<string, object?>("source", source));

    public void HighWaterRead() => _highWaterReads.Add(1);

    public void HighWaterRows(int rows) => _highWaterRows.Add(rows);

    public void Failed(string feed) => _failed.Add(1, new KeyValuePair<string, object?>("feed", feed));
}
