using JasperFx.Events.Daemon.HighWater;

namespace MicroEvents.Projections;

/// <summary>
/// Wakes Marten's daemon on the journal's NOTIFY, as Marten's own LISTEN wake-up does, but never sooner than
/// <see cref="Pace"/> after its last cycle. Each cycle costs PostgreSQL a gap query, then a transaction and a
/// progress row per projection; woken on every commit, a hot drop drove about 50 cycles a second, most of them a
/// page of a few dozen events (issue #30). Held to the pace, a cycle takes every commit of its interval in one page.
/// A quiet system still wakes at once: the hold only applies when the last cycle was less than a pace ago.
/// </summary>
internal sealed class DaemonPace(IDaemonWakeup notifications, TimeProvider time) : IDaemonWakeup
{
    /// <summary>Marten's own polling interval while events keep coming, so a busy daemon works as if it did not LISTEN.</summary>
    public static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(250);

    private long _lastCycle = long.MinValue;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        await notifications.WaitAsync(timeout, token);
        // After the wake, not before: what is committed while this holds is still in the cycle that follows it.
        if (_lastCycle != long.MinValue && Pace - time.GetElapsedTime(_lastCycle) is { Ticks: > 0 } hold)
            await Task.Delay(hold, time, token);
        _lastCycle = time.GetTimestamp();
    }

    public void Dispose() => notifications.Dispose();
}
