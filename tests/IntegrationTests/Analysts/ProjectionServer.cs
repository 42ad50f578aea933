using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Projections;
using MicroEvents.Telemetry;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>The gateway and a cluster that runs the projections (Marten's async daemon) as the silo does.</summary>
public class ProjectionServer : GatewayServer
{
    protected override void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        base.ConfigureFeatures(settings);
        settings["Projections:Enabled"] = "true";
    }

    // The silo host's own telemetry (not a feature module), for the trace tests.
    protected override void ConfigureSilo(ISiloBuilder silo) => silo.AddActorTelemetry();

    protected override void ConfigureClient(IClientBuilder client) => client.AddActivityPropagation();

    /// <summary>Waits until the daemon runs, so a test measures catching up, not starting.</summary>
    public Task DaemonRunning() => Eventually.True(() => Client.GetGrain<IProjectionDaemonGrain>(0).IsRunning(), TimeSpan.FromSeconds(30), "the projection daemon runs");
}
