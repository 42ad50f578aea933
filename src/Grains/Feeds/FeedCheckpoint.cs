namespace MicroEvents.Feeds;

/// <summary>How far a feed has handled the global event sequence (a Marten document keyed by feed name).</summary>
public sealed class FeedCheckpoint
{
    public string Id { get; set; } = "";

    /// <summary>Every event up to and including this sequence has been handled or skipped.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
