using System.Diagnostics;
using System.Threading.RateLimiting;

namespace MicroEvents.Gateway.Limits;

/// <summary>
/// ASP.NET's rate-limiting middleware over <see cref="ClusterWindows"/> (for policies such as sign-in).
/// The middleware first tries <see cref="RateLimiter.AttemptAcquire(int)"/> and, when that fails, awaits
/// <see cref="RateLimiter.AcquireAsync"/>: the first admits or refuses what it can decide at once, the
/// second waits for the cluster's reply when this gateway holds its allowance for the key.
/// </summary>
public sealed class ClusterWindowLimiter(ClusterWindows windows, string key, int limit, TimeSpan window) : RateLimiter
{
    private long _lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        if (permitCount == 0) return Lease.Granted;
        var take = windows.TryTakeNow(key, limit, window);
        return take.Admitted ? Lease.Granted : new Lease(false, take.MustWait ? null : take.RetryAfter);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        if (permitCount == 0) return Lease.Granted;
        var (admitted, retryAfter) = await windows.TryTake(key, limit, window);
        return admitted ? Lease.Granted : new Lease(false, retryAfter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
