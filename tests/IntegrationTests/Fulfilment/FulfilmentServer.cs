using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Partner;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders;

namespace MicroEvents.IntegrationTests.Fulfilment;

/// <summary>
/// The gateway and cluster with fulfilment running: the mint feed, order actors, and the partner simulator
/// (a real Kestrel app on loopback) that the orders are sent to and that calls the gateway back, signed.
/// Partner retries are quick here (8 attempts, 20 ms doubling) so a 30 % failure rate settles in seconds.
/// </summary>
public class FulfilmentServer : ClaimServer
{
    public const string CallbackSecret = "test-callback-secret";
    public static readonly TimeSpan DetailsWindow = TimeSpan.FromDays(7);

    private TestPartner _partner = null!;

    public PartnerSimulator Partner => _partner.Simulator;

    public override async Task InitializeAsync()
    {
        _partner = await TestPartner.Start(CallbackSecret, new SimulatorBehaviour { Progress = ["accepted"] }, Clock);
        await base.InitializeAsync();
        _partner.CallBack(BaseAddress);
    }

    // Orleans times reminders by the silo's clock, here the hand-moved test clock. A check tick still running when a test
    // moved the clock could schedule its next tick past a clock nobody moves again, and the deadline check never came (the
    // likely cause of one CI failure in about ten). Ticks follow real time here, as in production; an order still judges
    // its deadlines by the test clock.
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        base.ConfigureSilo(silo);
        silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, TimeProvider.System);
    }

    protected override void Configure(IConfiguration config)
    {
        base.Configure(config);
        _partner.ConfigureGateway(config);
    }

    protected override void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        base.ConfigureFeatures(settings);
        foreach (var (key, value) in FulfilmentSettings()) settings[key] = value;
    }

    /// <summary>The silo's <c>Fulfilment</c> settings; a fixture for a slow partner changes the timeouts.</summary>
    protected virtual Dictionary<string, string?> FulfilmentSettings() => new(_partner.SiloSettings(attempts: 8))
    {
        ["Fulfilment:DetailsHours"] = DetailsWindow.TotalHours.ToString(),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _partner.DisposeAsync();
    }
}
