using Orleans.Concurrency;

namespace MicroEvents.Feeds;

/// <summary>The one reader of a feed in the cluster, keyed by the feed's name.</summary>
public interface IFeedGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the feed is running; cheap, and safe to call while a batch is being handled.</summary>
    [AlwaysInterleave]
    Task Start();

    [AlwaysInterleave]
    Task<FeedStatus> GetStatus();
}
