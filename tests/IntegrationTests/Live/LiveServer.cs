using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace MicroEvents.IntegrationTests.Live;

/// <summary>The gateway with a one-second heartbeat, so an idle stream shows it within a test.</summary>
public class LiveServer : GatewayServer
{
    protected override void Configure(IConfiguration config)
    {
        base.Configure(config);
        config["Gateway:Live:HeartbeatSeconds"] = "1";
    }

    public async Task<string> OpenDrop(long supply, string prefix = "live")
    {
        var id = Samples.NewId(prefix);
        (await Http.PostJson("/drops", Samples.Drop(id, supply: supply))).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>Claims <paramref name="count"/> tokens for fresh wallets, one after another.</summary>
    public async Task Claim(string dropId, int count, int firstWallet = 1)
    {
        for (var i = firstWallet; i < firstWallet + count; i++)
            (await Anonymous.PostJson($"/drops/{dropId}/claims", new { claimId = $"c{i}", wallet = Samples.Wallet(i) })).EnsureSuccessStatusCode();
    }
}
