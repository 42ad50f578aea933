using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MicroEvents.Projections;

public static class ProjectionsSilo
{
    /// <summary>Runs the projections in this cluster (add to every silo; one of them runs the daemon at a time).</summary>
    public static ISiloBuilder AddProjections(this ISiloBuilder silo)
    {
        silo.Services.AddHostedService<ProjectionKeeper>();
        return silo;
    }
}

/// <summary>
/// Keeps the daemon's grain active: after the silo that hosted it dies, the next ping from any silo
/// activates it elsewhere, and it takes the lease once PostgreSQL has released the old holder's.
/// </summary>
internal sealed class ProjectionKeeper(IGrainFactory grains, ILogger<ProjectionKeeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ProjectionDaemonGrain.LeaseCheck);
        do
        {
            try
            {
                await grains.GetGrain<IProjectionDaemonGrain>(0).Ensure();
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogDebug(e, "Projection daemon ping failed; trying again");
            }
        } while (await timer.WaitForNextTickAsync(ct));
    }
}
