using System.Text.Json;
using System.Threading.Channels;
using MicroEvents.Live;

namespace MicroEvents.Gateway.Live;

/// <summary>
/// This gateway's one watch of one drop, shared by all its clients of that drop. Batches are handled in
/// order; a batch that does not follow the last version seen (a lost notification, a publisher that moved
/// to another silo) is preceded by what was missed, read back from the drop's stream. So every client gets
/// each version at most once and misses none.
/// </summary>
public sealed class DropFeed : IDropLiveObserver, IAsyncDisposable
{
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(20);

    private readonly IGrainFactory _grains;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger _log;
    private readonly Channel<LiveBatch> _inbox = Channel.CreateUnbounded<LiveBatch>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<LiveClient> _clients = [];
    private IDropLiveObserver? _reference;
    private LiveFrame _current = null!;
    private Task _running = Task.CompletedTask;

    private DropFeed(string dropId, IGrainFactory grains, JsonSerializerOptions json, ILogger log) =>
        (DropId, _grains, _json, _log) = (dropId, grains, json, log);

    public string DropId { get; }

    private ILiveDropGrain Publisher => _grains.GetGrain<ILiveDropGrain>(DropId);

    /// <summary>Watches the drop; drop-not-found when there is none.</summary>
    public static async Task<DropFeed> Start(string dropId, IGrainFactory grains, JsonSerializerOptions json, ILogger log)
    {
        var feed = new DropFeed(dropId, grains, json, log);
        feed._reference = grains.CreateObjectReference<IDropLiveObserver>(feed);
        try
        {
            feed._current = LiveFrame.Of(await feed.Publisher.Watch(feed._reference), json);
        }
        catch
        {
            grains.DeleteObjectReference<IDropLiveObserver>(feed._reference);
            throw;
        }
        feed._running = Task.WhenAll(feed.Deliver(), feed.KeepWatching());
        return feed;
    }

    /// <summary>Adds a client; answers the drop as this feed last saw it. Everything after that reaches the client.</summary>
    public LiveFrame Add(LiveClient client)
    {
        lock (_gate)
        {
            _clients.Add(client);
            return _current;
        }
    }

    public void Remove(LiveClient client)
    {
        lock (_gate) _clients.Remove(client);
    }

    void IDropLiveObserver.Published(LiveBatch batch) => _inbox.Writer.TryWrite(batch);

    private async Task Deliver()
    {
        await foreach (var batch in _inbox.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            var seen = _current.Message.Version;
            if (batch.After > seen)
            {
                try
                {
                    foreach (var missed in await _grains.GetGrain<ILiveHistoryGrain>(DropId).Between(seen, batch.After)) Publish(missed);
                }
                catch (Exception e) when (!_stop.IsCancellationRequested)
                {
                    // Without what was missed, later messages would leave a gap: end the streams, clients resume from the stream.
                    _log.LogWarning("Live feed of drop {DropId} could not read versions {After} to {Through}: {Reason}", DropId, seen, batch.After, e.Message);
                    DropAll();
                    continue;
                }
            }
            foreach (var message in batch.Messages) Publish(message);
        }
    }

    private void Publish(LiveMessage message)
    {
        var frame = LiveFrame.Of(message, _json);
        if (!frame.NewAfter(_current.Message.Version)) return;
        lock (_gate)
        {
            if (message.Kind != LiveKind.Rate) _current = frame;
            foreach (var client in _clients) client.Offer(frame);
        }
    }

    private void DropAll()
    {
        lock (_gate)
            foreach (var client in _clients) client.Drop();
    }

    // Renews the watch before it lapses; a publisher that restarted elsewhere answers a newer version, which
    // is then read back like any gap.
    private async Task KeepWatching()
    {
        using var timer = new PeriodicTimer(Renew);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    var now = await Publisher.Watch(_reference!);
                    _inbox.Writer.TryWrite(new LiveBatch(now.Version, []));
                }
                catch (Exception e) when (!_stop.IsCancellationRequested)
                {
                    _log.LogWarning("Renewing the live watch of drop {DropId} failed: {Reason}", DropId, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _inbox.Writer.TryComplete();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        try
        {
            await Publisher.Unwatch(_reference!);
        }
        catch (Exception e)
        {
            // The watch lapses on its own.
            _log.LogDebug("Unwatching drop {DropId} failed: {Reason}", DropId, e.Message);
        }
        _grains.DeleteObjectReference<IDropLiveObserver>(_reference!);
    }
}
