using Marten;
using MicroEvents.LocalStandIns.Ports;
using MicroEvents.Silo.Clustering;
using MicroEvents.Silo.Hosting;
using Microsoft.AspNetCore.Builder;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>The product's own one-process host (silo + HTTP gateway on Kestrel) on free loopback ports.</summary>
/// <remarks>Receipt sealing on every mint is off unless <c>sealOnMint</c> (the shipped default is on: the <c>default</c> scenario turns it on).</remarks>
public sealed class GatewaySilo(WebApplication app, Uri baseAddress) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    public static async Task<GatewaySilo> Start(IDocumentStore store, string connectionString, int snapshotEvery, string schema, CancellationToken ct, bool abuseLimits = false, bool sealOnMint = false, bool feedsFromStorage = false,
        bool readersOff = false, string? clusterId = null, string? claimKey = null)
    {
        await OrleansSchema.Apply(connectionString, schema, ct: ct);
        var http = FreePort.Next();
        var settings = new SiloSettings
        {
            Urls = $"http://127.0.0.1:{http}",
            SiloPort = FreePort.Next(),
            GatewayPort = FreePort.Next(),
            SnapshotEvery = snapshotEvery,
            Schema = schema,
            // One silo in this process: the measured figure stays comparable with earlier runs. With a cluster id, membership
            // in PostgreSQL instead, so a separate gateway process (GatewayProcess) finds this silo as in `cluster` mode.
            Clustering = clusterId is null ? ClusteringMode.Localhost : ClusteringMode.Postgres,
            ClusterId = clusterId ?? "microevents",
            // As the one-command run: a local mailbox, partner and chain where nothing is configured.
            StandIns = new MicroEvents.Silo.LocalRun.OneCommandRun(),
        };
        // Command-line configuration quiets the per-request logs that would otherwise be part of what is measured,
        // and turns the abuse limits off: one load driver claiming for thousands of wallets is exactly what they stop.
        // A throw-away key-encryption key: the run's drops and their signing keys live only as long as its database.
        var kek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        // With --limits they count (cluster-wide) but cannot refuse: what is measured is their cost on the claim path.
        string[] limits = abuseLimits
            ? ["--Gateway:Limits:Enabled=true", "--Gateway:Limits:ClaimsPerIpPerMinute=2000000000", "--Gateway:Limits:ClaimsPerWalletPerMinute=2000000000",
               "--Gateway:Limits:WalletsPerIpPerWindow=2000000000"]
            : ["--Gateway:Limits:Enabled=false"];
        var app = SiloHost.Build([.. HarnessLogging.WebHostArgs, .. limits, $"--Receipts:KeyEncryptionKey={kek}", $"--Receipts:SealOnMint={(sealOnMint ? "true" : "false")}",
            $"--Feeds:FromMemory={(feedsFromStorage ? "false" : "true")}",
            // Readers off: no projections daemon, no settlement; with sealOnMint false no sealing either (the feeds that skip every event stay).
            .. (readersOff ? (string[])["--Projections:Enabled=false", "--Settlement:Enabled=false"] : []),
            // The claim key a separate gateway shares with this silo (ClusterSecrets): both must sign and check the same challenges.
            .. (claimKey is null ? (string[])[] : [$"--Claims:SecretKey={claimKey}"])], settings, connectionString, store);
        await app.StartAsync(ct);
        return new GatewaySilo(app, new Uri($"http://127.0.0.1:{http}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
