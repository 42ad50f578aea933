using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MicroEvents.Gateway.Venues;

/// <summary>
/// The replay window of signed node requests: a timestamp must be within <see cref="NodeRequestOptions.Window"/>
/// of this gateway's clock, and each signature is accepted once while it is. Remembered per gateway process;
/// node commands are idempotent besides, so a replay through another gateway changes nothing.
/// </summary>
public sealed class NodeReplayGuard(IOptions<NodeRequestOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.OrdinalIgnoreCase);
    private long _lastSweep;

    private TimeSpan Window => options.Value.Window;

    public bool WithinWindow(long unixSeconds)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return Math.Abs(now - unixSeconds) <= (long)Window.TotalSeconds;
    }

    public bool FirstUse(string signature, long unixSeconds)
    {
        Sweep();
        return _seen.TryAdd(signature, unixSeconds);
    }

    // Signatures whose timestamps have left the window can never be accepted again, so forgetting them is safe.
    private void Sweep()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (now - Interlocked.Read(ref _lastSweep) < 10) return;
        Interlocked.Exchange(ref _lastSweep, now);
        var oldest = now - 2 * (long)Window.TotalSeconds;
        foreach (var (signature, stamp) in _seen)
            if (stamp < oldest) _seen.TryRemove(signature, out _);
    }
}

public sealed class NodeRequestOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
