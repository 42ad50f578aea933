using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>What a client app sees of a drop's life through the real gateway.</summary>
[Collection(SharedGateway.Name)]
public class DropApiTests(GatewayServer server)
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task create_open_claim_retry_and_read_back_a_drop()
    {
        var id = Samples.NewId("walk");
        var created = await Http.PostJson("/drops", Samples.Drop(id, supply: 10));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be($"/drops/{id}");
        var draft = await created.Read<DropSummary>();
        draft.Status.Should().Be(DropStatus.Draft);
        draft.ManifestHash.Should().MatchRegex("^[0-9a-f]{64}$");

        (await (await Http.PostAsync($"/drops/{id}/open", null)).Read<DropSummary>()).Status.Should().Be(DropStatus.Open);

        var claim = new { claimId = "phone-1", wallet = Samples.Wallet(1) };
        var first = await Http.PostJson($"/drops/{id}/claims", claim);
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        first.Headers.Location!.ToString().Should().Be($"/drops/{id}/claims/phone-1");
        var firstBody = await first.Content.ReadAsStringAsync();

        var retry = await Http.PostJson($"/drops/{id}/claims", claim);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await retry.Content.ReadAsStringAsync()).Should().Be(firstBody);

        var receipt = JsonSerializer.Deserialize<ClaimReceipt>(firstBody, GatewayServer.Json)!;
        receipt.Should().BeEquivalentTo(new { ClaimId = "phone-1", DropId = id, TokenNumber = 1L, Tier = (string?)null });
        (await Http.GetStringAsync($"/drops/{id}/claims/phone-1")).Should().Be(firstBody);

        var summary = await Http.GetFromJsonAsync<DropSummary>($"/drops/{id}", GatewayServer.Json);
        summary!.Minted.Should().Be(1);
        summary.Remaining.Should().Be(9);
        summary.Version.Should().Be(3);
    }

    [Fact]
    public async Task the_claim_id_can_come_from_the_idempotency_key_header()
    {
        var id = await OpenDrop();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/drops/{id}/claims")
        {
            Content = JsonContent.Create(new { wallet = Samples.Wallet(5) }),
            Headers = { { "Idempotency-Key", "key-5" } },
        };
        var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await response.Read<ClaimReceipt>()).ClaimId.Should().Be("key-5");
    }

    [Fact]
    public async Task the_summary_speaks_camel_case_json_with_status_strings_and_tiers()
    {
        var id = Samples.NewId("json");
        await Http.PostJson("/drops", Samples.Drop(id, supply: 10, tiers: [new TierAllocation("VIP", 3)]));
        await Http.PostAsync($"/drops/{id}/open", null);
        await Http.PostJson($"/drops/{id}/claims", new { claimId = "v1", wallet = Samples.Wallet(1), tier = "vip" });

        var json = await Http.GetFromJsonAsync<JsonElement>($"/drops/{id}");

        json.GetProperty("status").GetString().Should().Be("open");
        json.GetProperty("perWalletLimit").GetInt32().Should().Be(1);
        var tier = json.GetProperty("tiers")[0];
        tier.GetProperty("name").GetString().Should().Be("VIP");
        tier.GetProperty("allocation").GetInt64().Should().Be(3);
        tier.GetProperty("minted").GetInt64().Should().Be(1);
        json.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "title", "creator", "status", "supply", "minted", "remaining", "perWalletLimit",
            "startsAt", "endsAt", "tiers", "manifestHash", "version", "signer", "sealedThrough", "fallbackManifestHash", "contingencyActive");
    }

    [Fact]
    public async Task a_sold_out_drop_reports_sold_out_status()
    {
        var id = await OpenDrop(supply: 2);
        await Http.PostJson($"/drops/{id}/claims", new { claimId = "a", wallet = Samples.Wallet(1) });
        await Http.PostJson($"/drops/{id}/claims", new { claimId = "b", wallet = Samples.Wallet(2) });

        (await Http.GetFromJsonAsync<JsonElement>($"/drops/{id}")).GetProperty("status").GetString().Should().Be("soldOut");
    }

    [Fact]
    public async Task pause_blocks_claims_and_open_resumes_them()
    {
        var id = await OpenDrop();
        (await (await Http.PostAsync($"/drops/{id}/pause", null)).Read<DropSummary>()).Status.Should().Be(DropStatus.Paused);

        var paused = await Http.PostJson($"/drops/{id}/claims", new { claimId = "p1", wallet = Samples.Wallet(1) });
        (await paused.Problem()).GetProperty("type").GetString().Should().Be("/problems/drop-paused");

        (await (await Http.PostAsync($"/drops/{id}/open", null)).Read<DropSummary>()).Status.Should().Be(DropStatus.Open);
        (await Http.PostJson($"/drops/{id}/claims", new { claimId = "p1", wallet = Samples.Wallet(1) })).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task the_event_stream_lists_stable_aliases_with_correlation_ids_and_pages()
    {
        var id = await OpenDrop();
        await Http.PostJson($"/drops/{id}/claims", new { claimId = "e1", wallet = Samples.Wallet(1) });
        await Http.PostJson($"/drops/{id}/claims", new { claimId = "e2", wallet = Samples.Wallet(2) });

        var all = await Http.GetFromJsonAsync<JsonElement[]>($"/drops/{id}/events");
        all!.Select(e => e.GetProperty("type").GetString()).Should().Equal(
            "drop.created.v1", "drop.opened.v1", "drop.token_minted.v1", "drop.token_minted.v1");
        all!.Select(e => e.GetProperty("version").GetInt64()).Should().Equal(1, 2, 3, 4);
        all![3].GetProperty("correlationId").GetString().Should().Be("e2");
        all![3].GetProperty("data").GetProperty("tokenNumber").GetInt64().Should().Be(2);
        all![3].GetProperty("data").GetProperty("claimId").GetString().Should().Be("e2");

        var page = await Http.GetFromJsonAsync<JsonElement[]>($"/drops/{id}/events?fromVersion=2&limit=2");
        page!.Select(e => e.GetProperty("version").GetInt64()).Should().Equal(2, 3);
    }

    [Fact]
    public async Task lifecycle_events_carry_the_request_id_as_their_correlation_id()
    {
        var id = Samples.NewId("corr");
        await Http.PostJson("/drops", Samples.Drop(id));
        var open = new HttpRequestMessage(HttpMethod.Post, $"/drops/{id}/open") { Headers = { { "X-Request-Id", "req-open-1" } } };
        (await Http.SendAsync(open)).EnsureSuccessStatusCode();

        var events = await Http.GetFromJsonAsync<JsonElement[]>($"/drops/{id}/events");

        events![0].GetProperty("correlationId").GetString().Should().NotBeNullOrEmpty("without a header the gateway's trace id is used");
        events[1].GetProperty("correlationId").GetString().Should().Be("req-open-1");
    }

    private async Task<string> OpenDrop(long supply = 10)
    {
        var id = Samples.NewId("api");
        (await Http.PostJson("/drops", Samples.Drop(id, supply))).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }
}
