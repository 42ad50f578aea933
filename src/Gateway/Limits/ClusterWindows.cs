using System.Collections.Concurrent;
using System.Diagnostics;

namespace MicroEvents.Gateway.Limits;

/// <summary>
/// Fixed windows (client address, wallet…) counted once per cluster, not once per gateway process.
/// <para>
/// Why this shape: a claim must not wait for a grain call, yet most claim keys are new (each wallet is seen
/// once), so leasing permits ahead would not help. Instead each gateway admits on what it knows and reports
/// afterwards: it may hold up to an <i>allowance</i> a = max(1, limit/64) of admissions per key that the
/// cluster has not counted yet; they go in batches to one counting grain per shard of keys
/// (<see cref="WindowShard"/>), whose reply brings the cluster's total. A key is refused once the known
/// total plus this gateway's uncounted admissions reaches the limit; a key at its allowance waits for the
/// next reply (a hot key, never a fresh one).
/// </para>
/// <para>
/// Slack: once the cluster's count reaches the limit, each gateway can still have admitted at most a
/// requests it had not reported, so N gateways admit at most limit − 1 + N·a per window: exact with one
/// gateway, at most N − 1 over for limits below 128, at most about N·limit/64 (1.6 % per gateway) above.
/// Refusals are never early: a gateway refuses only what the cluster has already counted or it admitted itself.
/// </para>
/// </summary>
public sealed class ClusterWindows
{
    public const int Shards = 16;
    private const int MaxRounds = 16;
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, WindowTally> _tallies = new(StringComparer.Ordinal);
    private readonly WindowShard[] _shards;
    private readonly TimeProvider _clock;
    private long _lastSweep = Stopwatch.GetTimestamp();

    public ClusterWindows(IGrainFactory grains, TimeProvider clock, ILogger<ClusterWindows> log)
    {
        _clock = clock;
        _shards = [.. Enumerable.Range(0, Shards).Select(i => new WindowShard(i, grains, clock, log))];
    }

    public readonly record struct Take(bool Admitted, TimeSpan RetryAfter, Task? Reply = null)
    {
        public bool MustWait => Reply is not null;
    }

    /// <summary>Takes one admission from <paramref name="key"/>'s window; waits only when this gateway holds its allowance for the key.</summary>
    public async ValueTask<(bool Admitted, TimeSpan RetryAfter)> TryTake(string key, int limit, TimeSpan window)
    {
        for (var round = 0; ; round++)
        {
            var take = TryTakeNow(key, limit, window);
            if (!take.MustWait) return (take.Admitted, take.RetryAfter);
            // A key this hot is far past any human: after many rounds without room, refuse rather than queue.
            if (round == MaxRounds) return (false, TimeSpan.FromSeconds(1));
            await take.Reply!;
        }
    }

    /// <summary>Admits or refuses at once when it can; otherwise names the reply to wait for before asking again.</summary>
    public Take TryTakeNow(string key, int limit, TimeSpan window)
    {
        limit = Math.Max(1, limit);
        var allowance = Math.Max(1, limit / 64);
        var windowSeconds = (int)Math.Clamp(Math.Ceiling(window.TotalSeconds), 1, 3600);
        // The limit and window are part of the key, so one drop's own limits never share a window with the defaults.
        var fullKey = $"{limit}|{windowSeconds}|{key}";
        SweepIfDue();
        while (true)
        {
            var tally = _tallies.GetOrAdd(fullKey, k => new WindowTally(k, windowSeconds));
            var shard = ShardOf(fullKey);
            lock (tally)
            {
                if (tally.Retired) continue;
                var now = _clock.GetUtcNow();
                if (now >= tally.KnownUntil) tally.Known = 0;
                if (tally.Known + tally.Unconfirmed >= limit)
                    return new Take(false, tally.KnownUntil > now ? tally.KnownUntil - now : window);
                if (tally.Unconfirmed >= allowance) return new Take(false, TimeSpan.Zero, shard.NextReply());
                tally.Unsent++;
            }
            shard.Enqueue(tally);
            return new Take(true, TimeSpan.Zero);
        }
    }

    private WindowShard ShardOf(string key)
    {
        // FNV-1a: every gateway must pick the same shard for a key (string.GetHashCode differs per process).
        var hash = 2166136261u;
        foreach (var c in key) hash = (hash ^ c) * 16777619u;
        return _shards[hash % Shards];
    }

    private void SweepIfDue()
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (Stopwatch.GetElapsedTime(last) < SweepEvery || Interlocked.CompareExchange(ref _lastSweep, Stopwatch.GetTimestamp(), last) != last) return;
        var now = _clock.GetUtcNow();
        foreach (var (key, tally) in _tallies)
            lock (tally)
            {
                if (tally.Unconfirmed > 0 || now < tally.KnownUntil) continue;
                tally.Retired = true;
                _tallies.TryRemove(key, out _);
            }
    }
}
