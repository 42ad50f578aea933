using Marten;
using MicroEvents.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using MicroEvents.Singletons;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace MicroEvents.Feeds;

/// <summary>
/// The one reader of a feed in the cluster (Orleans keeps a single activation per key; every silo's
/// wake (<see cref="FeedWake"/>) activates it again after a silo fails). It hands the feed's events to its
/// handler in global sequence order and stores the checkpoint after each handled batch, so a
/// restart resumes where the last stored batch ended: at least once, never a gap. What this silo committed
/// comes from memory (<see cref="CommittedEvents"/>), already decoded, in batches of up to <see cref="MemoryBatch"/>;
/// PostgreSQL is read only for a stretch memory does not hold without a gap (after a restart, another silo's events,
/// a reader that fell behind).
/// A feed runs only on a silo that registers its handler (its feature is on there). Such a silo's wake places it locally
/// (<see cref="PreferLocalPlacementAttribute"/>); an activation on a silo without the handler (asked for its status, or
/// woken by another silo while the first one is placed elsewhere) answers and deactivates, so the next wake places it where
/// it can run instead of keeping it where it never will.
/// </summary>
[PreferLocalPlacement]
public sealed class FeedGrain(IEnumerable<IFeedHandler> handlers, IDocumentStore store, EventJournal journal, ILogger<FeedGrain> log, FeedMetrics? metrics = null,
    CommittedEvents? committed = null, SiloStopping? stopping = null, SequenceHighWater? highWater = null)
    : Grain, IFeedGrain
{
    private const int PageSize = 500;
    private const int MemoryBatch = 5_000;
    public const string FromMemory = "memory";
    public const string FromStorage = "storage";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);
    // Progress past events the feed does not want is stored at most this often: losing it costs a re-scan only.
    // Once a second keeps the stored position (what the harness and a restart see) within a second of the real one.
    private static readonly TimeSpan SkipSaveEvery = TimeSpan.FromSeconds(1);

    private readonly EventLog _log = new(store);
    private readonly SequenceHighWater _highWater = highWater ?? new(store, metrics);
    private IFeedHandler? _handler;
    private FeedTypes _types = null!;
    private long? _checkpoint;
    private DateTimeOffset _savedAt;
    private long _saved;
    private long _highWaterSeen;
    private long _delivered;
    private int _failures;
    private DateTimeOffset _retryAt;
    private DateTimeOffset? _failingSince;
    private string? _lastError;

    private string Name => this.GetPrimaryKeyString();

    private bool Stopping => stopping?.IsStopping == true;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _handler = handlers.SingleOrDefault(h => h.Name == Name);
        if (_handler is null) return Task.CompletedTask; // not registered here: answered by Start and GetStatus
        _types = new FeedTypes(store, _handler.EventTypes);
        // Storage is touched in the first tick, not here: a failed activation would be retried by every caller.
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TimeSpan.Zero, Poll) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task Start()
    {
        // Woken by a silo that has the handler while this activation sits on one that has not: leave, and the next wake
        // (within FeedWake.Every) places the feed on the waking silo.
        if (_handler is null) DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task<FeedStatus> GetStatus()
    {
        if (_handler is not null)
            return new FeedStatus(Name, _checkpoint ?? 0, _highWaterSeen, _delivered, _failingSince, _lastError);
        DeactivateOnIdle(); // a question must not leave a reader that cannot read behind
        // Through the journal's breaker, as every read: an outage is a 503 naming the store (Npgsql's exceptions cannot
        // cross to the gateway), refused at once while the breaker is open.
        return await journal.Breaker.Read(async () =>
        {
            // A feed the cluster ran before has a checkpoint: report it as stopped rather than unknown.
            await using var session = store.QuerySession();
            var stored = await session.LoadAsync<FeedCheckpoint>(Name)
                ?? throw new Rejected(RejectionCodes.FeedNotFound, $"No feed '{Name}'.");
            var high = await _highWater.After(stored.Sequence, CancellationToken.None, fresh: true);
            return new FeedStatus(Name, stored.Sequence, high, 0, null,
                $"Not running: no running silo registers this feed (its feature is off); last checkpoint {stored.UpdatedAt:O}.", Running: false);
        }, $"PostgreSQL is unavailable: the stored position of feed '{Name}' cannot be read.");
    }

    private async Task Tick(CancellationToken ct)
    {
        // A stopping silo starts no batch: from now on calls to other grains cannot be placed, and the next activation
        // resumes from the stored checkpoint anyway.
        if (Stopping || DateTimeOffset.UtcNow < _retryAt) return;
        try
        {
            while (!ct.IsCancellationRequested && !Stopping && await Step(ct)) { }
            if (!ct.IsCancellationRequested) await StoreIdlePosition(ct);
            if (_failingSince is not null) log.LogInformation("Feed {Feed} recovered at sequence {Sequence}", Name, _checkpoint);
            (_failures, _failingSince, _lastError) = (0, null, null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && Stopping)
        {
            // A batch the shutdown cut short is not the handler's failure; it is delivered again from the checkpoint.
            log.LogDebug(e, "Feed {Feed} stopped with its silo after sequence {Sequence}", Name, _checkpoint);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _failures++;
            _failingSince ??= DateTimeOffset.UtcNow;
            _lastError = $"{e.GetType().Name}: {e.Message}";
            var backOff = TimeSpan.FromMilliseconds(Math.Min(MaxBackOff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(_failures, 10))));
            _retryAt = DateTimeOffset.UtcNow + backOff;
            metrics?.Failed(Name);
            log.LogWarning(e, "Feed {Feed} failed after sequence {Sequence} ({Failures} in a row); retrying in {BackOff} ms",
                Name, _checkpoint, _failures, (int)backOff.TotalMilliseconds);
        }
    }

    /// <summary>Handles one batch; true when there may be more to read at once.</summary>
    private async Task<bool> Step(CancellationToken ct)
    {
        var checkpoint = _checkpoint ??= await LoadCheckpoint(ct);
        var recent = committed?.After(checkpoint, MemoryBatch) ?? [];
        if (recent.Count > 0)
        {
            await Deliver(recent.Where(e => _types.Wants(e.Data)).ToList(), recent[^1].Sequence, FromMemory, ct);
            return true;
        }

        // A mark read earlier still holds (visible stays visible): a feed reading a backlog from storage asks for it once
        // per scan, not once per page.
        var high = _highWaterSeen > checkpoint ? _highWaterSeen : await _highWater.After(checkpoint, ct);
        _highWaterSeen = Math.Max(_highWaterSeen, high);
        if (high <= checkpoint) return false;
        // Committed here while the mark was read: memory has it without a gap, so no read back.
        if (committed?.After(checkpoint, 1).Count > 0) return true;

        var page = await _log.Page(new EventFilter { After = checkpoint, Through = high, Aliases = _types.Aliases }, PageSize, ct);
        await Deliver(page.Select(_types.Read).ToList(), page.Count == PageSize ? page[^1].Sequence : high, FromStorage, ct);
        return true;
    }

    /// <summary>Hands the wanted events of a stretch ending at <paramref name="through"/> to the handler, then moves the checkpoint.</summary>
    private async Task Deliver(IReadOnlyList<FeedEvent> events, long through, string source, CancellationToken ct)
    {
        if (events.Count > 0)
        {
            await _handler!.Handle(events, ct);
            _delivered += events.Count;
            metrics?.Delivered(Name, events.Count, source);
        }
        // One checkpoint write per handled batch; a stretch of unwanted events is remembered at most every SkipSaveEvery.
        if (events.Count > 0 || DateTimeOffset.UtcNow - _savedAt >= SkipSaveEvery) await SaveCheckpoint(through, ct);
        _checkpoint = through;
        _highWaterSeen = Math.Max(_highWaterSeen, through);
    }

    private async Task<long> LoadCheckpoint(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return _saved = (await session.LoadAsync<FeedCheckpoint>(Name, ct))?.Sequence ?? 0;
    }

    /// <summary>
    /// Idle: the last stretch of unwanted events is stored too, once <see cref="SkipSaveEvery"/> has passed since the last
    /// write, so the stored position (what a restart resumes from, and the lag an operator or the harness reads) reaches
    /// the head while the feed waits, not only when its next wanted event comes. It stayed up to a second of events behind
    /// for as long as the feed was idle.
    /// </summary>
    private async Task StoreIdlePosition(CancellationToken ct)
    {
        if (Stopping || _checkpoint is not { } at || at <= _saved || DateTimeOffset.UtcNow - _savedAt < SkipSaveEvery) return;
        await SaveCheckpoint(at, ct);
    }

    private async Task SaveCheckpoint(long sequence, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(new FeedCheckpoint { Id = Name, Sequence = sequence, UpdatedAt = DateTimeOffset.UtcNow });
        await session.SaveChangesAsync(ct);
        (_savedAt, _saved) = (DateTimeOffset.UtcNow, sequence);
    }
}
