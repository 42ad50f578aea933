using MicroEvents.LocalStandIns.Chain;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;
using MicroEvents.Silo.Clustering;
using Orleans.Configuration;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// Receipts, the feed of sealed roots and the settlement actor on a real anvil the fixture owns (it outlives
/// silo restarts, like a real chain). Reminders are durable (ADO.NET on PostgreSQL) and the actor's clock is
/// the test clock, so "stuck for long enough" is a clock move.
/// </summary>
public class SettlementCluster : ReceiptCluster
{
    public TestChain Chain { get; } = new();
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(2);
    public const int Confirmations = 3;
    public const decimal CeilingGwei = 50m;

    // Reminders are stored per service id: a restarted cluster must be the same deployment to find them.
    protected override string? ServiceId { get; } = "settle-" + Guid.NewGuid().ToString("N")[..8];
    private string _connection = "";

    /// <summary>Deployed before the silo starts, so tests that stop mining never wait on a deployment.</summary>
    public string Contract { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        Contract = (await DropsContract.Deploy(Chain.Signer(), TestChain.SignerAddress, "http://localhost/tokens/")).Address;
        _connection = await TestPostgres.ConnectionString;
        await OrleansSchema.Apply(_connection, Schema);
        await base.InitializeAsync();
    }

    protected override void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        base.ConfigureFeatures(settings);
        Chain.Settle(settings, Contract);
        settings["Settlement:Confirmations"] = Confirmations.ToString();
        settings["Settlement:StuckAfter"] = StuckAfter.ToString();
        settings["Settlement:WakeUpEvery"] = TimeSpan.FromSeconds(2).ToString();
        settings["Settlement:MaxFeePerGasGwei"] = CeilingGwei.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        base.ConfigureSilo(silo);
        silo.AddOrleansStorage(_connection, Schema);
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }

    public ISettlementGrain Settlement => Client.GetGrain<ISettlementGrain>(SettlementKey.Of(TestChain.ChainId, TestChain.SignerAddress));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Chain.DisposeAsync();
    }
}
