using MicroEvents.Singletons;

namespace MicroEvents.Feeds;

/// <summary>Every feed registered in this silo has its one reader running somewhere in the cluster.</summary>
internal sealed class FeedWake(IEnumerable<IFeedHandler> handlers) : ISingletonWake
{
    public string Name => "feeds";

    public TimeSpan Every => TimeSpan.FromSeconds(5);

    public Task Wake(IGrainFactory grains) => Task.WhenAll(handlers.Select(h => grains.GetGrain<IFeedGrain>(h.Name).Start()));
}
