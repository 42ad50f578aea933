using Marten;
using MicroEvents.Modules;

namespace MicroEvents.Feeds;

/// <summary>Feeds' checkpoints (each feed is added by the feature that handles it, through <c>AddFeed</c>).</summary>
public sealed class FeedsModule : ISiloModule
{
    public void ConfigureMarten(StoreOptions opts) => opts.Schema.For<FeedCheckpoint>().Identity(c => c.Id);
}
