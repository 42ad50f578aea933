using MicroEvents.Claims;
using MicroEvents.Fulfilment;
using System.Net;
using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.LocalStandIns.Ports;
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
    /// <param name="fulfilment">Also run SKUs, fulfilment orders and the mint feed (in-memory reminders; no partner: orders wait for details).</param>
    public static async Task<GrainSilo> Start(IDocumentStore store, int snapshotEvery, CancellationToken ct, Action<ISiloBuilder>? configure = null, bool fulfilment = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ToStandardError();
        // Receipts only where a scenario asks for them (hot-drop-receipts activates its drop's sealer), so on and off compare in one run.
        builder.Configuration[ReceiptsSilo.SealOnMintSetting] = "false";
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next());
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            silo.AddEventJournal(store, o => o.SnapshotEvery = snapshotEvery);
            silo.AddReceipts(builder.Configuration, () => System.Security.Cryptography.RandomNumberGenerator.GetBytes(KeyEncryptionKey.Bytes));
            configure?.Invoke(silo);
            if (fulfilment)
            {
                silo.UseInMemoryReminderService();
                silo.AddClaims(builder.Configuration);
                silo.AddFulfilment(builder.Configuration);
            }
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
