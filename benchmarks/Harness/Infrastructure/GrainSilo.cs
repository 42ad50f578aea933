using System.Net;
using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>
/// One silo in this process (a generic host, localhost clustering on free ports) with the event
/// journal on the run's Marten store. Claims go through the host's own cluster client.
/// </summary>
public sealed class GrainSilo(IHost host, int snapshotEvery) : IGrainCluster
{
    public IGrainFactory Grains { get; } = host.Services.GetRequiredService<IGrainFactory>();

    public int SnapshotEvery => snapshotEvery;

    /// <param name="configure">More silo wiring for one scenario (settlement, …).</param>
    public static async Task<GrainSilo> Start(IDocumentStore store, int snapshotEvery, CancellationToken ct, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ToStandardError();
        // Receipts only where a scenario asks for them (hot-drop-receipts activates its drop's sealer), so on and off compare in one run.
        builder.Configuration[ReceiptsSilo.SealOnMintSetting] = "false";
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next());
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            silo.AddEventJournal(store, o => o.SnapshotEvery = snapshotEvery);
            silo.AddReceipts(builder.Configuration, () => System.Security.Cryptography.RandomNumberGenerator.GetBytes(KeyEncryptionKey.Bytes));
            configure?.Invoke(silo);
        });

        var host = builder.Build();
        await host.StartAsync(ct);
        return new GrainSilo(host, snapshotEvery);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
