using System.Diagnostics;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Daemon.HighWater;
using Marten.Storage;
using MicroEvents.EventSourcing;
using MicroEvents.Feeds;
using MicroEvents.Rejections;
using Microsoft.Extensions.Logging;

namespace MicroEvents.Projections;

/// <summary>
/// Runs Marten's async daemon for every projection, once in the cluster: Orleans keeps one activation
/// of this grain, and the advisory-lock lease guards the moment two could exist (a silo declared dead
/// that still runs). Daemon work runs on the thread pool, never on the grain's scheduler, so a long
/// rebuild or a page of projection work never blocks the grain's turns.
/// </summary>
public sealed class ProjectionDaemonGrain(IDocumentStore store, ILogger<ProjectionDaemonGrain> log, ILoggerFactory loggers,
    CommittedEvents? committed = null, FeedMetrics? metrics = null) : Grain, IProjectionDaemonGrain
{
    /// <summary>Marten's daemon logs every page it applies at Information: the run filters this category to warnings.</summary>
    public const string DaemonLogCategory = "MicroEvents.Projections.Daemon";

    public static readonly TimeSpan LeaseCheck = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan RebuildTimeout = TimeSpan.FromMinutes(10);

    private readonly EventTableStatistics _statistics = new(store);
    private ProjectionLease? _lease;
    private IProjectionDaemon? _daemon;
    private DaemonPace? _wakeup;
    private bool _rebuilding;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        this.RegisterGrainTimer(Check, new GrainTimerCreationOptions { DueTime = LeaseCheck, Period = LeaseCheck, KeepAlive = true });
        await Check(ct);
    }

    public Task Ensure() => Task.CompletedTask;

    public Task<bool> IsRunning() => Task.FromResult(_daemon is not null);

    public async Task<ProjectionRebuilt> Rebuild(string name)
    {
        if (!ProjectionCatalogue.Names.Contains(name))
            throw new Rejected(ProjectionRejectionCodes.ProjectionNotFound, $"There is no such projection. Known: {string.Join(", ", ProjectionCatalogue.Names)}.");
        if (_rebuilding) throw new Rejected(ProjectionRejectionCodes.RebuildRunning, "A rebuild is already running.");
        if (_daemon is not { } daemon) throw new Rejected(RejectionCodes.Unavailable, "The projection daemon is starting; retry shortly.");
        _rebuilding = true;
        try
        {
            var watch = Stopwatch.StartNew();
            log.LogInformation("Rebuilding projection {Projection}", name);
            await Task.Run(async () =>
            {
                await daemon.RebuildProjectionAsync(name, RebuildTimeout, CancellationToken.None);
                // The rebuild stops the projection's live agent and leaves it stopped: follow new events again.
                await daemon.StartAgentAsync($"{name}:All", CancellationToken.None);
            });
            var position = (await ProjectionPositions.Read(store, CancellationToken.None)).First(p => p.Name == name).Position;
            log.LogInformation("Rebuilt projection {Projection} up to sequence {Position} in {Seconds:0.0} s", name, position, watch.Elapsed.TotalSeconds);
            return new ProjectionRebuilt(name, position, watch.Elapsed.TotalSeconds);
        }
        finally
        {
            _rebuilding = false;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct) => await Stop();

    private async Task Check(CancellationToken ct)
    {
        try
        {
            if (_lease is null)
            {
                _lease = await Task.Run(() => ProjectionLease.TryTake(store, ct), ct);
                if (_lease is null) return;
                // What this silo commits reaches the projections from memory; the rest is read from PostgreSQL.
                (store as JournalDocumentStore)?.FeedProjectionsFrom(committed, metrics);
                _daemon = await Task.Run(async () =>
                {
                    var daemonLog = loggers.CreateLogger(DaemonLogCategory);
                    await ProjectionUpgrade.Run(store, log, ct);
                    // Marten reads the wake-up when it builds the daemon; one per start, disposed in Stop with its LISTEN connection.
                    _wakeup = new DaemonPace(new PostgresqlListenWakeup(((MartenDatabase)store.Storage.Database).DataSource, daemonLog), TimeProvider.System);
                    ((StoreOptions)store.Options).Projections.Wakeup = _wakeup;
                    var daemon = await store.BuildProjectionDaemonAsync(logger: daemonLog);
                    await daemon.StartAllAsync();
                    return daemon;
                }, ct);
                log.LogInformation("Projection daemon started for {Projections}", string.Join(", ", ProjectionCatalogue.Names));
            }
            else if (await Task.Run(() => _lease.StillHeld(ct), ct) is false)
            {
                log.LogWarning("Lost the projection lease (its connection failed); stopping the daemon until it is taken again");
                await Stop();
            }
            else await EnsureStatistics(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage down: the next check tries again.
            log.LogWarning(e, "The projection daemon could not start; retrying in {Seconds} s", LeaseCheck.TotalSeconds);
            await Stop();
        }
    }

    /// <summary>The daemon's gap detection needs the event table's statistics (see <see cref="EventTableStatistics"/>); a failed check is tried again at the next.</summary>
    private async Task EnsureStatistics(CancellationToken ct)
    {
        try
        {
            await Task.Run(() => _statistics.Ensure(ct), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogDebug(e, "Could not check the event table's statistics; trying again in {Seconds} s", LeaseCheck.TotalSeconds);
        }
    }

    private async Task Stop()
    {
        if (_daemon is { } daemon)
        {
            _daemon = null;
            try { await Task.Run(daemon.StopAllAsync); }
            catch (Exception e) { log.LogWarning(e, "The projection daemon did not stop cleanly"); }
            // Closes the daemon's LISTEN connection too.
            if (daemon is IAsyncDisposable async) await async.DisposeAsync();
            else (daemon as IDisposable)?.Dispose();
        }
        // Its LISTEN connection: Marten does not own a wake-up it was given.
        _wakeup?.Dispose();
        _wakeup = null;
        if (_lease is { } lease)
        {
            _lease = null;
            await lease.DisposeAsync();
        }
    }
}
