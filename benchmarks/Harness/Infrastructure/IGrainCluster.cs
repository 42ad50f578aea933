namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>Where grain calls go: an in-process silo or a running cluster.</summary>
public interface IGrainCluster : IAsyncDisposable
{
    IGrainFactory Grains { get; }

    /// <summary>
    /// Deactivates <paramref name="grain"/>'s activation (and every other idle one), so the next call reactivates it from
    /// storage. Collection skips an activation still finishing the turn whose reply the caller already has, so it is asked
    /// again until the grain's directory entry is gone (bounded): once in two --quick runs a cold-start call found the drop
    /// still active.
    /// </summary>
    async Task Deactivate(IAddressable grain)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            if (await management.GetActivationAddress(grain) is null) return;
            await Task.Delay(20);
        }
    }
}
