namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>Where grain calls go: an in-process silo or a running cluster.</summary>
public interface IGrainCluster : IAsyncDisposable
{
    IGrainFactory Grains { get; }

    /// <summary>Deactivates every idle activation, so the next call to a drop reactivates it from storage.</summary>
    Task DeactivateIdleGrains() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
}
