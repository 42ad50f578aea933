using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>An Orleans client of a cluster already running on this machine (<c>--cluster</c>).</summary>
public sealed class ClusterConnection(IHost host) : IGrainCluster
{
    public IGrainFactory Grains { get; } = host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ClusterConnection> Connect(int gatewayPort, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ToStandardError();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));
        var host = builder.Build();
        await host.StartAsync(ct);
        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
