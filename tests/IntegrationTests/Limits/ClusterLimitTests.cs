using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Limits;

/// <summary>Two gateways in front of one cluster: an address's limits hold for both together, not for each.</summary>
[Trait(Category.Name, Category.Slow)]
public class ClusterLimitTests(TightLimits server) : IClassFixture<TightLimits>
{
    [Fact]
    public async Task two_gateways_together_admit_no_more_than_the_per_address_limit_plus_the_stated_slack()
    {
        var second = await server.StartAnotherGateway();
        var id = Samples.NewId("cluster");
        // Only the address limit can bite: 4 per address, wallets and bot signal out of the way.
        var limits = new ClaimLimits(ClaimsPerIpPerMinute: 4, ClaimsPerWalletPerMinute: 100, WalletsPerIpPerWindow: 100);
        (await server.Http.PostJson("/drops", Samples.Drop(id, supply: 100) with { Limits = limits })).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            var gateway = i % 2 == 0 ? server.Anonymous : second;
            responses.Add(await gateway.PostAsJsonAsync($"/drops/{id}/claims", new { claimId = $"g{i}", wallet = Samples.Wallet(600 + i) }));
        }

        var admitted = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        // limit − 1 + N·a with N = 2 gateways and allowance a = 1 (limits below 128): at most 5. Each gateway alone would take 4.
        admitted.Should().BeInRange(4, 5, "the two gateways share one count per address");
        responses.Where(r => r.StatusCode != HttpStatusCode.Created).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        responses.Skip(6).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.TooManyRequests, "once the cluster has counted the limit, both gateways refuse");
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
        {
            int.Parse(refused.Headers.GetValues("Retry-After").Single()).Should().BeInRange(1, 60);
            (await refused.Problem()).GetProperty("type").GetString().Should().Be("/problems/rate-limited");
        }
        var summary = await server.Anonymous.GetFromJsonAsync<JsonElement>($"/drops/{id}");
        summary.GetProperty("minted").GetInt64().Should().Be(admitted, "refusals reach no actor");
    }

    [Fact]
    public async Task sign_in_requests_through_two_gateways_share_one_limit_per_address()
    {
        var second = await server.StartAnotherGateway();
        // The fixture allows 3 nonces per address per minute; another test of this class may not have used any.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++) statuses.Add((await (i % 2 == 0 ? server.Anonymous : second).GetAsync("/auth/nonce")).StatusCode);

        statuses.Count(s => s == HttpStatusCode.OK).Should().BeInRange(3, 4, "limit 3, slack N·a − 1 = 1 with two gateways");
        statuses.Skip(5).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
    }
}
