using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace MicroEvents.IntegrationTests.Limits;

/// <summary>A gateway with small limits, so each one is reached in a handful of requests.</summary>
public class TightLimits : GatewayServer
{
    protected override void Configure(IConfiguration config)
    {
        config["Gateway:Limits:Enabled"] = "true";
        config["Gateway:Limits:ClaimsPerIpPerMinute"] = "6";
        config["Gateway:Limits:ClaimsPerWalletPerMinute"] = "2";
        config["Gateway:Limits:WalletsPerIpPerWindow"] = "3";
        config["Gateway:Limits:SignInPerIpPerMinute"] = "3";
        config["Gateway:Limits:CodeRequestsPerIpPerMinute"] = "3";
    }
}

/// <summary>The same, behind a trusted proxy on loopback: X-Forwarded-For names the client.</summary>
public sealed class TightLimitsBehindProxy : TightLimits
{
    protected override void Configure(IConfiguration config)
    {
        base.Configure(config);
        config["Gateway:Limits:TrustedProxies:0"] = "127.0.0.1";
    }
}

public class LimitTests(TightLimits server) : IClassFixture<TightLimits>
{
    [Fact]
    public async Task one_address_sending_too_many_claims_gets_429_rate_limited_with_retry_after()
    {
        var id = await OpenDrop();
        var statuses = new List<int>();
        // Three wallets, two claims each: under the wallet and bot limits, at the address limit of 6.
        for (var i = 0; i < 6; i++)
            statuses.Add((int)(await Claim(id, $"c{i}", Samples.Wallet(i % 3 + 1))).StatusCode);

        statuses.Should().NotContain(429);
        var limited = await Claim(id, "c9", Samples.Wallet(1));
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single()).Should().BeInRange(1, 60);
        (await limited.Problem()).GetProperty("type").GetString().Should().Be("/problems/rate-limited");
        (await Summary(id)).GetProperty("version").GetInt64().Should().Be(2 + 3, "three wallets, one token each; refusals append nothing");
    }

    [Fact]
    public async Task one_address_asking_for_too_many_mailed_codes_gets_429_before_any_mail()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await server.Anonymous.PostJson($"/drops/code-limits/claims/not-a-claim-{i}/code", new { email = "a@example.com" })).StatusCode);

        statuses.Take(3).Should().NotContain(HttpStatusCode.TooManyRequests);
        statuses[3].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("signed-claims")]
    [InlineData("custodial-claims")]
    public async Task the_signed_and_custodial_claim_routes_are_limited_like_plain_claims(string route)
    {
        var id = await OpenDrop();
        object Body(int wallet) => route == "custodial-claims"
            ? new { wallet = Samples.Wallet(wallet), nonce = "0x01", expiry = 1, signature = "0x01", email = "a@example.com" }
            : new { wallet = Samples.Wallet(wallet), nonce = "0x01", expiry = 1, signature = "0x01" };
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
            statuses.Add((int)(await server.Anonymous.PostJson($"/drops/{id}/{route}", Body(i % 3 + 1))).StatusCode);

        statuses.Should().NotContain(429).And.OnlyContain(s => s >= 400 && s < 500, "unsigned claims are refused by the route itself");
        var limited = await server.Anonymous.PostJson($"/drops/{id}/{route}", Body(1));
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await limited.Problem()).GetProperty("type").GetString().Should().Be("/problems/rate-limited");
    }

    [Fact]
    public async Task one_wallet_retrying_too_often_gets_429_before_the_address_limit()
    {
        var id = await OpenDrop();
        await Claim(id, "w1", Samples.Wallet(7));
        await Claim(id, "w2", Samples.Wallet(7));

        var third = await Claim(id, "w3", Samples.Wallet(7).ToUpperInvariant().Replace("0X", "0x"));

        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "letter case does not make another wallet");
        (await third.Problem()).GetProperty("type").GetString().Should().Be("/problems/rate-limited");
    }

    [Fact]
    public async Task one_address_cycling_through_wallets_is_throttled_and_analysts_see_the_counts()
    {
        var id = await OpenDrop();
        for (var i = 1; i <= 3; i++) (await Claim(id, $"b{i}", Samples.Wallet(100 + i))).StatusCode.Should().Be(HttpStatusCode.Created);

        var fourth = await Claim(id, "b4", Samples.Wallet(104));
        var fifth = await Claim(id, "b5", Samples.Wallet(105));

        fourth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await fourth.Problem()).GetProperty("type").GetString().Should().Be("/problems/challenge-required");
        fourth.Headers.Contains("Retry-After").Should().BeTrue();
        fifth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await Claim(id, "b1-again", Samples.Wallet(101))).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests,
            "a wallet already seen from this address is not a new one");

        using var analyst = server.NewClient(await server.NewKey(AccessRole.Analyst, "bot watch"));
        var events = await analyst.GetFromJsonAsync<JsonElement[]>($"/drops/{id}/throttles");
        events.Should().ContainSingle("one record per address and window, not one per refusal");
        events![0].GetProperty("type").GetString().Should().Be("throttle.claims_throttled.v1");
        var data = events[0].GetProperty("data");
        data.GetProperty("dropId").GetString().Should().Be(id);
        data.GetProperty("client").GetString().Should().Be("127.0.0.1");
        data.GetProperty("distinctWallets").GetInt32().Should().Be(4);
        data.GetProperty("walletLimit").GetInt32().Should().Be(3);
        (await Summary(id)).GetProperty("minted").GetInt64().Should().Be(3);
        (await server.Anonymous.GetAsync($"/drops/{id}/throttles")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task sign_in_requests_are_limited_per_address()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await server.Anonymous.GetAsync("/auth/nonce")).StatusCode);

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        var limited = await server.Anonymous.GetAsync("/auth/nonce");
        (await limited.Problem()).GetProperty("type").GetString().Should().Be("/problems/rate-limited");
        limited.Headers.Contains("Retry-After").Should().BeTrue();
    }

    [Fact]
    public async Task forwarded_headers_from_an_untrusted_peer_do_not_change_the_client_address()
    {
        var id = await OpenDrop();
        for (var i = 1; i <= 3; i++) await Claim(id, $"f{i}", Samples.Wallet(200 + i), forwardedFor: $"203.0.113.{i}");

        (await Claim(id, "f4", Samples.Wallet(204), forwardedFor: "203.0.113.99")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests,
            "without a trusted proxy, X-Forwarded-For is ignored and all came from one address");
    }

    [Fact]
    public async Task a_drop_sets_its_own_limits_in_its_manifest()
    {
        var strict = await OpenDrop(new ClaimLimits(ClaimsPerIpPerMinute: 2));
        (await Claim(strict, "s1", Samples.Wallet(401))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Claim(strict, "s2", Samples.Wallet(402))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Claim(strict, "s3", Samples.Wallet(403))).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "this drop allows 2 per address, the default 6");

        var venue = await OpenDrop(new ClaimLimits(ClaimsPerIpPerMinute: 100, WalletsPerIpPerWindow: 50));
        for (var i = 1; i <= 8; i++)
            (await Claim(venue, $"v{i}", Samples.Wallet(500 + i))).StatusCode.Should().Be(HttpStatusCode.Created, "a kiosk drop allows many wallets per address");

        var invalid = await server.Http.PostJson("/drops", Samples.Drop(Samples.NewId("badlim")) with { Limits = new ClaimLimits(ClaimsPerWalletPerMinute: 0) });
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await invalid.Problem()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Equal("limits.claimsPerWalletPerMinute");
    }

    private async Task<string> OpenDrop(ClaimLimits? limits = null)
    {
        var id = Samples.NewId("lim");
        (await server.Http.PostJson("/drops", Samples.Drop(id, supply: 100) with { Limits = limits })).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }

    private Task<HttpResponseMessage> Claim(string id, string claimId, string wallet, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/drops/{id}/claims") { Content = JsonContent.Create(new { claimId, wallet }) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return server.Anonymous.SendAsync(request);
    }

    private async Task<JsonElement> Summary(string id) => await server.Anonymous.GetFromJsonAsync<JsonElement>($"/drops/{id}");
}

public class TrustedProxyTests(TightLimitsBehindProxy server) : IClassFixture<TightLimitsBehindProxy>
{
    [Fact]
    public async Task behind_a_trusted_proxy_each_forwarded_client_has_its_own_limits()
    {
        var id = Samples.NewId("proxy");
        (await server.Http.PostJson("/drops", Samples.Drop(id, supply: 100))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();

        for (var i = 1; i <= 5; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/drops/{id}/claims")
            {
                Content = JsonContent.Create(new { claimId = $"p{i}", wallet = Samples.Wallet(300 + i) }),
                Headers = { { "X-Forwarded-For", $"198.51.100.{i}" } },
            };
            (await server.Anonymous.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Created, "each phone is its own client");
        }
    }
}
