using System.Threading.RateLimiting;

namespace MicroEvents.Gateway.Limits;

/// <summary>
/// Per-key one-minute windows (client address, wallet…). The limit is part of the key, so one drop's
/// own limits never share a window with the defaults. Idle windows are dropped by the limiter itself.
/// </summary>
public sealed class FixedWindows : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = int.Parse(k[..k.IndexOf('|')]),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Takes one permit from <paramref name="key"/>'s window; false with the wait when it is used up.</summary>
    public bool TryTake(string key, int perMinute, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire($"{Math.Max(1, perMinute)}|{key}");
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
