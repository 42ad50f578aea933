using MicroEvents.Gateway.Fulfilment;
using MicroEvents.Partner;
using Microsoft.Extensions.Configuration;

namespace MicroEvents.IntegrationTests.Fulfilment;

/// <summary>
/// The fulfilment partner of a test fixture, set up in one place for every fixture that runs fulfilment
/// (<see cref="FulfilmentServer"/>, the console's): the partner simulator (a real Kestrel app on loopback), the callback
/// secret both sides share, the silo settings that send orders to it with quick retries, and its callbacks to the gateway.
/// </summary>
public sealed class TestPartner : IAsyncDisposable
{
    private readonly string _callbackSecret;

    private TestPartner(PartnerSimulator simulator, string callbackSecret) => (Simulator, _callbackSecret) = (simulator, callbackSecret);

    public PartnerSimulator Simulator { get; }

    /// <summary>Started before the gateway, which needs its address; <see cref="CallBack"/> once the gateway listens.</summary>
    public static async Task<TestPartner> Start(string callbackSecret, SimulatorBehaviour behaviour, TimeProvider clock) =>
        new(await PartnerSimulator.Start("http://127.0.0.1:0", null, callbackSecret, behaviour, clock), callbackSecret);

    public void CallBack(Uri gateway) => Simulator.CallbackUrl = new Uri(gateway, "fulfilment/callbacks");

    /// <summary>The gateway checks the partner's callbacks with the shared secret.</summary>
    public void ConfigureGateway(IConfiguration config) => config[CallbackEndpoints.SecretSetting] = _callbackSecret;

    /// <summary>The silo's <c>Fulfilment</c> settings: quick retries (20 ms doubling) so a failing partner settles in seconds.</summary>
    public Dictionary<string, string?> SiloSettings(int attempts) => new()
    {
        ["Fulfilment:Partner:BaseUrl"] = Simulator.BaseUrl.ToString(),
        ["Fulfilment:Partner:Attempts"] = attempts.ToString(),
        ["Fulfilment:Partner:RetryDelayMs"] = "20",
        ["Fulfilment:Partner:AttemptTimeoutMs"] = "5000",
        ["Fulfilment:CheckSeconds"] = "1",
    };

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
