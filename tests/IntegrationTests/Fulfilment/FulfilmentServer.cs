using MicroEvents.Fulfilment;
using MicroEvents.Gateway.Fulfilment;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Partner;
using Microsoft.Extensions.Configuration;

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

    public PartnerSimulator Partner { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Partner = await PartnerSimulator.Start("http://127.0.0.1:0", null, CallbackSecret, new SimulatorBehaviour { Progress = ["accepted"] }, Clock);
        await base.InitializeAsync();
        Partner.CallbackUrl = new Uri(BaseAddress, "fulfilment/callbacks");
    }

    protected override void Configure(IConfiguration config)
    {
        base.Configure(config);
        config[CallbackEndpoints.SecretSetting] = CallbackSecret;
    }

    protected override void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        base.ConfigureFeatures(settings);
        foreach (var (key, value) in FulfilmentSettings()) settings[key] = value;
    }

    /// <summary>The silo's <c>Fulfilment</c> settings; a fixture for a slow partner changes the timeouts.</summary>
    protected virtual Dictionary<string, string?> FulfilmentSettings() => new()
    {
        ["Fulfilment:Partner:BaseUrl"] = Partner.BaseUrl.ToString(),
        ["Fulfilment:Partner:Attempts"] = "8",
        ["Fulfilment:Partner:RetryDelayMs"] = "20",
        ["Fulfilment:Partner:AttemptTimeoutMs"] = "5000",
        ["Fulfilment:CheckSeconds"] = "1",
        ["Fulfilment:DetailsHours"] = DetailsWindow.TotalHours.ToString(),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Partner.DisposeAsync();
    }
}
