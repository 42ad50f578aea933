using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MicroEvents.Gateway.Live;

/// <summary>
/// The drops this gateway process streams: one <see cref="DropFeed"/> (one watch of the drop's publisher)
/// per drop with at least one client, ended when its last client leaves.
/// </summary>
public sealed class LiveFeeds(IGrainFactory grains, IOptions<JsonOptions> json, IOptions<LiveFeedOptions> options, ILogger<DropFeed> log)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Task<DropFeed> Feed, int Clients)> _feeds = [];
    private int _streams;

    public LiveFeedOptions Options => options.Value;

    /// <summary>Counts a new stream against <see cref="LiveFeedOptions.MaxStreams"/>; false when full.</summary>
    public bool TryOpenStream()
    {
        if (Interlocked.Increment(ref _streams) <= options.Value.MaxStreams) return true;
        Interlocked.Decrement(ref _streams);
        return false;
    }

    public void CloseStream() => Interlocked.Decrement(ref _streams);

    /// <summary>The drop's feed, started by the first client; every call needs a <see cref="Release"/>.</summary>
    public async Task<DropFeed> Acquire(string dropId)
    {
        Task<DropFeed> feed;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(dropId, out var entry) || entry.Feed.IsFaulted || entry.Feed.IsCanceled)
                entry = (DropFeed.Start(dropId, grains, json.Value.SerializerOptions, log), 0);
            _feeds[dropId] = (entry.Feed, entry.Clients + 1);
            feed = entry.Feed;
        }
        try
        {
            return await feed;
        }
        catch
        {
            Release(dropId, feed);
            throw;
        }
    }

    /// <summary>A client of <paramref name="feed"/> left; the last one ends it.</summary>
    public void Release(DropFeed feed)
    {
        lock (_gate)
            if (_feeds.TryGetValue(feed.DropId, out var entry) && entry.Feed.IsCompletedSuccessfully && entry.Feed.Result == feed)
                Release(feed.DropId, entry.Feed);
    }

    private void Release(string dropId, Task<DropFeed> which)
    {
        Task<DropFeed> ending;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(dropId, out var entry) || entry.Feed != which) return;
            if (entry.Clients > 1)
            {
                _feeds[dropId] = (entry.Feed, entry.Clients - 1);
                return;
            }
            _feeds.Remove(dropId);
            ending = entry.Feed;
        }
        _ = End(ending);
    }

    private static async Task End(Task<DropFeed> feed)
    {
        try
        {
            await (await feed).DisposeAsync();
        }
        catch
        {
            // A feed that never started has nothing to end.
        }
    }
}
