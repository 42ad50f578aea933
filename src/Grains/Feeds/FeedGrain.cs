using Marten;
using MicroEvents.Events;
using MicroEvents.Rejections;
using Microsoft.Extensions.Logging;

namespace MicroEvents.Feeds;

/// <summary>
/// The one reader of a feed in the cluster (Orleans keeps a single activation per key; every silo's
/// wake (<see cref="FeedWake"/>) activates it again after a silo fails). It hands the feed's events to its
/// handler in global sequence order and stores the checkpoint after each handled batch, so a
/// restart resumes where the last stored batch ended: at least once, never a gap.
/// </summary>
public sealed class FeedGrain(IEnumerable<IFeedHandler> handlers, IDocumentStore store, ILogger<FeedGrain> log, FeedMetrics metrics)
    : Grain, IFeedGrain
{
    private const int PageSize = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);
    // Progress past events the feed does not want is stored at most this often: losing it costs a re-scan only.
    private static readonly TimeSpan SkipSaveEvery = TimeSpan.FromSeconds(5);

    private readonly EventLog _log = new(store);
    private readonly SequenceHighWater _highWater = new(store);
    private IFeedHandler? _handler;
    private FeedTypes _types = null!;
    private long? _checkpoint;
    private DateTimeOffset _savedAt;
    private long _highWaterSeen;
    private long _delivered;
    private int _failures;
    private DateTimeOffset _retryAt;
    private DateTimeOffset? _failingSince;
    private string? _lastError;

    private string Name => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _handler = handlers.SingleOrDefault(h => h.Name == Name);
        if (_handler is null) return Task.CompletedTask; // asked about a feed that does not exist: answered by GetStatus
        _types = new FeedTypes(store, _handler.EventTypes);
        // Storage is touched in the first tick, not here: a failed activation would be retried by every caller.
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TimeSpan.Zero, Poll) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task Start() => Task.CompletedTask;

    public Task<FeedStatus> GetStatus() => _handler is null
        ? throw new Rejected(RejectionCodes.FeedNotFound, $"No feed '{Name}'.")
        : Task.FromResult(new FeedStatus(Name, _checkpoint ?? 0, _highWaterSeen, _delivered, _failingSince, _lastError));

    private async Task Tick(CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow < _retryAt) return;
        try
        {
            while (!ct.IsCancellationRequested && await Step(ct)) { }
            if (_failingSince is not null) log.LogInformation("Feed {Feed} recovered at sequence {Sequence}", Name, _checkpoint);
            (_failures, _failingSince, _lastError) = (0, null, null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _failures++;
            _failingSince ??= DateTimeOffset.UtcNow;
            _lastError = $"{e.GetType().Name}: {e.Message}";
            var backOff = TimeSpan.FromMilliseconds(Math.Min(MaxBackOff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(_failures, 10))));
            _retryAt = DateTimeOffset.UtcNow + backOff;
            metrics.Failed(Name);
            log.LogWarning(e, "Feed {Feed} failed after sequence {Sequence} ({Failures} in a row); retrying in {BackOff} ms",
                Name, _checkpoint, _failures, (int)backOff.TotalMilliseconds);
        }
    }

    /// <summary>Handles one page; true when there may be more to read at once.</summary>
    private async Task<bool> Step(CancellationToken ct)
    {
        var checkpoint = _checkpoint ??= await LoadCheckpoint(ct);
        var high = await _highWater.After(checkpoint, ct);
        _highWaterSeen = Math.Max(_highWaterSeen, high);
        if (high <= checkpoint) return false;

        var page = await _log.Page(new EventFilter { After = checkpoint, Through = high, Aliases = _types.Aliases }, PageSize, ct);
        var through = page.Count == PageSize ? page[^1].Sequence : high;
        if (page.Count > 0)
        {
            await _handler!.Handle(page.Select(_types.Read).ToList(), ct);
            _delivered += page.Count;
            metrics.Delivered(Name, page.Count);
        }
        if (page.Count > 0 || DateTimeOffset.UtcNow - _savedAt >= SkipSaveEvery) await SaveCheckpoint(through, ct);
        _checkpoint = through;
        return true;
    }

    private async Task<long> LoadCheckpoint(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<FeedCheckpoint>(Name, ct))?.Sequence ?? 0;
    }

    private async Task SaveCheckpoint(long sequence, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(new FeedCheckpoint { Id = Name, Sequence = sequence, UpdatedAt = DateTimeOffset.UtcNow });
        await session.SaveChangesAsync(ct);
        _savedAt = DateTimeOffset.UtcNow;
    }
}
