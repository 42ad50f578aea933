using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroEvents.Live;

/// <summary>
/// A drop's live publisher: reads the drop's stream (never the drop actor, so watching costs the hot path
/// nothing but a few indexed reads a second) and publishes the changes to its watchers, coalesced per tick.
/// It holds nothing durable: a new activation starts from the stream, and watchers notice the jump in
/// <see cref="LiveBatch.After"/> and read what they missed.
/// </summary>
public sealed class LiveDropGrain(IDocumentStore store, EventJournal journal, IOptions<LiveOptions> options, ILogger<LiveDropGrain> log)
    : Grain, ILiveDropGrain
{
    private readonly LiveReader _reader = new(store);
    // Lapses are a connection timeout, not domain time: real time, whatever clock the drops use.
    private readonly Dictionary<IDropLiveObserver, DateTime> _watchers = [];
    private readonly ClaimRate _rate = new(options.Value.RateWindow);
    private LiveState _state = LiveState.None;
    private double _publishedRate;
    private long _mintsSeen; // claims are mints, whatever was given back since
    private IGrainTimer? _timer;

    private string DropId => this.GetPrimaryKeyString();

    public async Task<LiveMessage> Watch(IDropLiveObserver observer)
    {
        // Not publishing means nobody else watches: catch up quietly, so the first answer is the drop as it is now.
        if (_timer is null)
        {
            var read = await Read(_state.Version);
            var (state, _) = LiveFold.Step(_state, read, null);
            if (!state.Exists) throw new Rejected(RejectionCodes.DropNotFound, $"No drop '{DropId}'.");
            _state = state;
            _mintsSeen += read.Mints;
            _publishedRate = _rate.Sample(_mintsSeen);
        }
        _watchers[observer] = DateTime.UtcNow + options.Value.WatchLapse;
        var every = TimeSpan.FromMilliseconds(options.Value.PublishMilliseconds);
        _timer ??= this.RegisterGrainTimer(Publish, new GrainTimerCreationOptions(every, every) { KeepAlive = true });
        return _state.Message(LiveKind.Progress, _publishedRate);
    }

    public Task Unwatch(IDropLiveObserver observer)
    {
        _watchers.Remove(observer);
        return Task.CompletedTask;
    }

    private async Task Publish(CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        foreach (var lapsed in _watchers.Where(w => w.Value < now).Select(w => w.Key).ToList()) _watchers.Remove(lapsed);
        if (_watchers.Count == 0)
        {
            // Nobody watches: stop reading, and let the activation be collected.
            _timer?.Dispose();
            _timer = null;
            return;
        }

        LiveRead read;
        try
        {
            read = await Read(_state.Version, ct);
        }
        catch (Exception e) when (e is Rejected or OperationCanceledException || StorageFault.Classify(e) == StorageFaultKind.Transient)
        {
            log.LogDebug("Live read of drop {DropId} failed ({Reason}); next tick", DropId, e.Message);
            return;
        }
        _mintsSeen += read.Mints;
        var rate = _rate.Sample(_mintsSeen);
        var (state, messages) = LiveFold.Step(_state, read, rate);
        if (messages.Count == 0 && Math.Abs(rate - _publishedRate) >= 0.5)
            messages = [state.Message(LiveKind.Rate, rate)];
        if (messages.Count == 0) return;

        var batch = new LiveBatch(_state.Version, messages);
        (_state, _publishedRate) = (state, rate);
        foreach (var watcher in _watchers.Keys) watcher.Published(batch);
    }

    private Task<LiveRead> Read(long after = 0, CancellationToken ct = default) =>
        journal.Breaker.Read(() => _reader.Read(DropId, after, null, ct));
}
