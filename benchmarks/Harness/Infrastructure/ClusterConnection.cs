using MicroEvents.Silo.Clustering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>An Orleans client of a running cluster (<c>--cluster</c>), finding its silos in the membership table.</summary>
public sealed class ClusterConnection(IHost host) : IGrainCluster
{
    public IGrainFactory Grains { get; } = host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ClusterConnection> Connect(string connectionString, string schema, string clusterId, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ToStandardError();
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = OrleansSchema.ConnectionString(connectionString, schema); });
            client.Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = clusterId; });
        });
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
