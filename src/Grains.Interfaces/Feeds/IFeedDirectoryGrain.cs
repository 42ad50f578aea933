namespace MicroEvents.Feeds;

/// <summary>
/// Which feeds the cluster runs, by name: the features a silo was started with decide it, so clients (the console's
/// feeds page) ask here instead of keeping a list that goes stale when a feature adds a feed.
/// </summary>
public interface IFeedDirectoryGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<string>> Names();
}
