namespace MicroEvents.Feeds;

/// <summary>
/// Reacts to stored events in global sequence order, at least once: a batch that throws is delivered
/// again (after a back-off), and a batch may be delivered again after a silo fails, so handling must be
/// idempotent (key the work by stream and version). Register with <see cref="FeedSilo.AddFeed{THandler}"/>.
/// </summary>
public interface IFeedHandler
{
    /// <summary>Stable name: the key of the feed's checkpoint. Renaming it starts from the beginning.</summary>
    string Name { get; }

    /// <summary>Only events of these types are delivered; the checkpoint still moves past all others.</summary>
    IReadOnlyCollection<Type> EventTypes { get; }

    Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct);
}
