using MicroEvents.Feeds;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MicroEvents.Singletons;

namespace MicroEvents.Projections;

public static class ProjectionsSilo
{
    /// <summary>Runs the projections in this cluster (add to every silo; one of them runs the daemon at a time).</summary>
    public static ISiloBuilder AddProjections(this ISiloBuilder silo)
    {
        // The journal publishes what it committed only when a reader registered this: the daemon reads it first.
        silo.Services.TryAddSingleton<CommittedEvents>();
        return silo.KeepAwake<ProjectionWake>();
    }
}

/// <summary>The daemon's grain stays active; once re-activated elsewhere it takes the lease as soon as PostgreSQL has released the old holder's.</summary>
internal sealed class ProjectionWake : ISingletonWake
{
    public string Name => "projection-daemon";

    public TimeSpan Every => ProjectionDaemonGrain.LeaseCheck;

    public Task Wake(IGrainFactory grains) => grains.GetGrain<IProjectionDaemonGrain>(0).Ensure();
}
