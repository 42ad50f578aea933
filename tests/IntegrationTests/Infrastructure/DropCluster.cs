using Marten;
using MicroEvents.Access;
using MicroEvents.EventSourcing;
using MicroEvents.Modules;
using MicroEvents.Receipts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// A real Orleans test cluster on a real PostgreSQL, with its own schema, a hand-moved clock and
/// commit-fault injection. Restart it to prove state survives the silo.
/// </summary>
public class DropCluster : IAsyncLifetime
{
    public string Schema { get; } = TestPostgres.NewSchema();
    public TestClock Clock { get; } = new();
    public CommitFaults Faults { get; } = new();
    public LogCapture Logs { get; } = new();

    /// <summary>What the silo's and gateway's logs are captured from; the secrets scan lowers it to Trace.</summary>
    protected virtual Microsoft.Extensions.Logging.LogLevel CapturedLogLevel => Microsoft.Extensions.Logging.LogLevel.Information;
    public DocumentStore Store { get; private set; } = null!;
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    /// <summary>Snapshot cadence for this cluster's journal; 0 turns snapshots off.</summary>
    protected virtual int SnapshotEvery => 10_000;

    /// <summary>Journal settings beyond the snapshot cadence, for fixtures that need tighter limits.</summary>
    protected virtual void Configure(JournalOptions journal) { }

    /// <summary>The PostgreSQL this cluster stores in: the shared test server unless a fixture brings its own.</summary>
    protected virtual Task<string> Postgres() => TestPostgres.ConnectionString;

    public virtual async Task InitializeAsync()
    {
        Store = JournalStore.Create(await Postgres(), Schema);
        await JournalStore.ApplySchema(Store);
        await StartCluster();
    }

    /// <param name="whileDown">What happens in the world while no silo runs.</param>
    public async Task Restart(Func<Task>? whileDown = null)
    {
        await Cluster.DisposeAsync();
        if (whileDown is not null) await whileDown();
        await StartCluster();
    }

    /// <summary>A journal on the same store, outside the cluster: what a second writer or an analyst sees.</summary>
    public EventJournal Journal() =>
        new(Store, Microsoft.Extensions.Options.Options.Create(new JournalOptions { SnapshotEvery = SnapshotEvery }));

    private async Task StartCluster()
    {
        var builder = new InProcessTestClusterBuilder(1);
        if (ServiceId is { } serviceId) builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddEventJournal(Store, o =>
            {
                o.SnapshotEvery = SnapshotEvery;
                Configure(o);
            });
            silo.AddAccess();
            // Every feature through its module, as the silo host wires them; a fixture changes settings, not wiring.
            silo.AddFeatures(new SiloModuleContext(new ConfigurationBuilder().AddInMemoryCollection(FeatureSettings()).Build()));
            silo.Services.AddLogging(l => l.AddProvider(Logs).SetMinimumLevel(CapturedLogLevel));
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton<AppendInterceptor>(Faults);
            ConfigureSilo(silo);
        });
        builder.ConfigureClient(ConfigureClient);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>A fixed service id keeps what Orleans stores per deployment (reminders) across <see cref="Restart"/>; null: a new one per start.</summary>
    protected virtual string? ServiceId => null;

    /// <summary>Extra wiring of the cluster client (the gateway's Orleans client) for a feature's tests.</summary>
    protected virtual void ConfigureClient(IClientBuilder client) { }

    /// <summary>
    /// The configuration the features' modules read (<see cref="SiloModules.AddFeatures"/>), as a silo reads its own.
    /// Here: fixed secrets (the same across <see cref="Restart"/>, or stored signing keys no longer open), and the
    /// background work most tests do not exercise switched off (the projection daemon, sealing on every mint);
    /// a fixture that tests them switches them on by setting, never by wiring.
    /// </summary>
    protected virtual void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        settings[ReceiptsSilo.KeyEncryptionKeySetting] = _keyEncryptionKey;
        settings[ReceiptsSilo.SealOnMintSetting] = "false";
        settings["Claims:SecretKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray());
        settings["Projections:Enabled"] = "false";
    }

    // Configuration, not state: one key per fixture, kept across restarts.
    private readonly string _keyEncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private Dictionary<string, string?> FeatureSettings()
    {
        var settings = new Dictionary<string, string?>();
        ConfigureFeatures(settings);
        return settings;
    }

    /// <summary>Test-only silo wiring beyond the features (durable reminders, a recording feed, the activation clock).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo) { }

    public virtual async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Store.Dispose();
        await TestPostgres.DropSchema(Schema, await Postgres());
    }
}
