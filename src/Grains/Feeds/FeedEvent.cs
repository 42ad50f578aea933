namespace MicroEvents.Feeds;

/// <summary>One stored event as a feed delivers it: where it is (stream, version, global sequence) and what it says.</summary>
public sealed record FeedEvent(long Sequence, string StreamKey, long Version, DateTimeOffset Timestamp, object Data)
{
    /// <summary>The stored event id (it carries the append's batch id, <c>AppendBatch</c>); empty when read by a feed from storage.</summary>
    public Guid EventId { get; init; }

    /// <summary>The id after the kind: <c>summer-jam</c> for <c>drop/summer-jam</c>.</summary>
    public string StreamId => StreamKey.Split('/', 2) is [_, var id] ? id : StreamKey;
}
