using Orleans.Concurrency;

namespace MicroEvents.Feeds;

/// <summary>The feeds registered in the silo that answers (every silo of a deployment registers the same ones), by name.</summary>
[StatelessWorker]
public sealed class FeedDirectoryGrain(IEnumerable<IFeedHandler> handlers) : Grain, IFeedDirectoryGrain
{
    private readonly IReadOnlyList<string> _names = [.. handlers.Select(h => h.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public Task<IReadOnlyList<string>> Names() => Task.FromResult(_names);
}
