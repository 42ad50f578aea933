using MicroEvents.IntegrationTests.Fulfilment;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Projections;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>
/// The fulfilment server (claims, venue nodes, orders, the partner simulator) with the projections running,
/// as a silo runs them: for the projections of venue nodes and fulfilment, fed by real actions.
/// </summary>
public sealed class OperationsServer : FulfilmentServer
{
    protected override void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        base.ConfigureFeatures(settings);
        settings["Projections:Enabled"] = "true";
    }

    public Task DaemonRunning() => Eventually.True(() => Client.GetGrain<IProjectionDaemonGrain>(0).IsRunning(), TimeSpan.FromSeconds(30), "the projection daemon runs");
}
