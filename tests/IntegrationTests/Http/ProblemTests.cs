using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>Every rejection a client can meet: its status, its problem type, and that nothing was written.</summary>
[Collection(SharedGateway.Name)]
public class ProblemTests(GatewayServer server)
{
    private HttpClient Http => server.Http;

    public static TheoryData<string, string, int> ClaimRejections => new()
    {
        // scenario, expected problem type, status
        { "draft", "drop-not-open", 409 },
        { "paused", "drop-paused", 409 },
        { "closed", "drop-closed", 409 },
        { "sold-out", "sold-out", 409 },
        { "tier-sold-out", "tier-sold-out", 409 },
        { "unknown-tier", "tier-not-found", 409 },
        { "wallet-limit", "wallet-limit-reached", 409 },
        { "wallet-limit-other-case", "wallet-limit-reached", 409 },
        { "claim-id-conflict", "claim-id-conflict", 409 },
        { "invalid-wallet", "invalid-wallet", 400 },
        { "bad-checksum", "invalid-wallet", 400 },
        { "no-claim-id", "validation-failed", 400 },
        { "unknown-drop", "drop-not-found", 404 },
    };

    [Theory]
    [MemberData(nameof(ClaimRejections))]
    public async Task a_rejected_claim_answers_its_problem_type_and_appends_nothing(string scenario, string type, int status)
    {
        var id = Samples.NewId("rej");
        await Http.PostJson("/drops", Samples.Drop(id, supply: 3, tiers: [new TierAllocation("gold", 1)]));
        if (scenario != "draft") await Http.PostAsync($"/drops/{id}/open", null);

        object claim = new { claimId = "x", wallet = Samples.Wallet(9) };
        switch (scenario)
        {
            case "paused": await Http.PostAsync($"/drops/{id}/pause", null); break;
            case "closed": await Http.PostAsync($"/drops/{id}/close", null); break;
            case "sold-out":
                await Claim(id, "a", Samples.Wallet(1), "gold");
                await Claim(id, "b", Samples.Wallet(2));
                await Claim(id, "c", Samples.Wallet(3));
                break;
            case "tier-sold-out":
                await Claim(id, "a", Samples.Wallet(1), "gold");
                claim = new { claimId = "x", wallet = Samples.Wallet(9), tier = "GOLD" };
                break;
            case "unknown-tier": claim = new { claimId = "x", wallet = Samples.Wallet(9), tier = "silver" }; break;
            case "wallet-limit": await Claim(id, "a", Samples.Wallet(9)); break;
            case "wallet-limit-other-case":
                await Claim(id, "a", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
                claim = new { claimId = "x", wallet = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" };
                break;
            case "claim-id-conflict":
                await Claim(id, "x", Samples.Wallet(1));
                break;
            case "invalid-wallet": claim = new { claimId = "x", wallet = "0x1234" }; break;
            case "bad-checksum": claim = new { claimId = "x", wallet = "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" }; break;
            case "no-claim-id": claim = new { wallet = Samples.Wallet(9) }; break;
            case "unknown-drop": id = "no-such-drop"; break;
        }
        var versionBefore = await Version(id);

        var response = await Http.PostJson($"/drops/{id}/claims", claim);

        ((int)response.StatusCode).Should().Be(status);
        var problem = await response.Problem();
        problem.GetProperty("type").GetString().Should().Be($"/problems/{type}");
        problem.GetProperty("status").GetInt32().Should().Be(status);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        (await Version(id)).Should().Be(versionBefore);
    }

    [Fact]
    public async Task claims_outside_the_window_are_rejected_at_the_exact_edges()
    {
        var now = server.Clock.GetUtcNow();
        var id = Samples.NewId("window");
        (await Http.PostJson("/drops", Samples.Drop(id, supply: 10, startsAt: now.AddMinutes(10), endsAt: now.AddMinutes(20)))).EnsureSuccessStatusCode();
        await Http.PostAsync($"/drops/{id}/open", null);

        server.Clock.Set(now.AddMinutes(10).AddTicks(-1));
        (await (await Claim(id, "early", Samples.Wallet(1))).Problem()).GetProperty("type").GetString().Should().Be("/problems/claim-window-not-started");

        server.Clock.Set(now.AddMinutes(10));
        (await Claim(id, "first", Samples.Wallet(1))).StatusCode.Should().Be(HttpStatusCode.Created);

        server.Clock.Set(now.AddMinutes(20).AddTicks(-1));
        (await Claim(id, "last", Samples.Wallet(2))).StatusCode.Should().Be(HttpStatusCode.Created);

        server.Clock.Set(now.AddMinutes(20));
        (await (await Claim(id, "late", Samples.Wallet(3))).Problem()).GetProperty("type").GetString().Should().Be("/problems/claim-window-ended");
        server.Clock.Set(now);
    }

    [Fact]
    public async Task lifecycle_conflicts_are_invalid_transitions()
    {
        var id = Samples.NewId("life");
        await Http.PostJson("/drops", Samples.Drop(id));

        (await (await Http.PostAsync($"/drops/{id}/pause", null)).Problem()).GetProperty("type").GetString().Should().Be("/problems/invalid-transition");
        await Http.PostAsync($"/drops/{id}/close", null);
        var reopen = await Http.PostAsync($"/drops/{id}/open", null);

        reopen.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await reopen.Problem()).GetProperty("type").GetString().Should().Be("/problems/invalid-transition");
        (await Http.PostAsync("/drops/never-created/open", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task lifecycle_retries_and_an_identical_create_answer_200_and_append_nothing()
    {
        var id = Samples.NewId("idem");
        (await Http.PostJson("/drops", Samples.Drop(id))).StatusCode.Should().Be(HttpStatusCode.Created);
        var again = await Http.PostJson("/drops", Samples.Drop(id));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<DropSummary>(GatewayServer.Json))!.Version.Should().Be(1);

        foreach (var action in new[] { "open", "open", "pause", "pause", "close", "close" })
            (await Http.PostAsync($"/drops/{id}/{action}", null)).StatusCode.Should().Be(HttpStatusCode.OK, action);

        (await Http.GetFromJsonAsync<DropSummary>($"/drops/{id}", GatewayServer.Json))!.Version.Should().Be(4, "created, opened, paused, closed: each once");
    }

    [Fact]
    public async Task creating_an_existing_drop_is_a_conflict_and_keeps_the_original()
    {
        var id = Samples.NewId("dup");
        await Http.PostJson("/drops", Samples.Drop(id, supply: 5));

        var again = await Http.PostJson("/drops", Samples.Drop(id, supply: 500));

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Problem()).GetProperty("type").GetString().Should().Be("/problems/drop-exists");
        (await Http.GetFromJsonAsync<DropSummary>($"/drops/{id}", GatewayServer.Json))!.Supply.Should().Be(5);
    }

    [Fact]
    public async Task an_invalid_manifest_lists_every_problem_and_creates_nothing()
    {
        var id = Samples.NewId("bad");
        var manifest = new
        {
            id, title = "", creator = "not-a-wallet", supply = 0, perWalletLimit = 0,
            startsAt = "2026-07-01T00:00:00Z", endsAt = "2026-06-01T00:00:00Z",
            tiers = new[] { new { name = "a", allocation = 0 }, new { name = "A", allocation = 1 } },
            assets = new[] { new { uri = "relative/path", sha256 = "xyz", mediaType = "png" } },
        };

        var response = await Http.PostJson("/drops", manifest);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Problem();
        problem.GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "title", "creator", "supply", "perWalletLimit", "endsAt", "tiers[0].allocation", "tiers[1].name",
            "assets[0].uri", "assets[0].sha256", "assets[0].mediaType");
        (await Http.GetAsync($"/drops/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_invalid_drop_id_is_a_validation_failure()
    {
        var response = await Http.PostJson("/drops", Samples.Drop("Not A Slug!"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Problem()).GetProperty("errors").GetProperty("id")[0].GetString().Should().Contain("a-z");
    }

    public static TheoryData<string, string, string?, int, string> MalformedBodies => new()
    {
        // name, body, content type, status, problem type
        { "broken json", "{\"claimId\": \"a\", \"wallet\": ", "application/json", 400, "malformed-request" },
        { "wrong type", "{\"claimId\": 17, \"wallet\": [1]}", "application/json", 400, "malformed-request" },
        { "empty body", "", "application/json", 400, "validation-failed" },
        { "json null", "null", "application/json", 400, "validation-failed" },
        { "a number where an object belongs", "42", "application/json", 400, "malformed-request" },
        { "text/plain", "{\"claimId\":\"a\",\"wallet\":\"0x0000000000000000000000000000000000000001\"}", "text/plain", 415, "unsupported-media-type" },
        { "no content type", "{\"claimId\":\"a\"}", null, 415, "unsupported-media-type" },
        { "oversized", "{\"claimId\":\"" + new string('a', GatewayServer.MaxRequestBodyBytes) + "\"}", "application/json", 413, "payload-too-large" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task a_malformed_claim_request_is_a_4xx_problem_and_appends_nothing(string name, string body, string? contentType, int status, string type)
    {
        var id = Samples.NewId("mal");
        await Http.PostJson("/drops", Samples.Drop(id));
        await Http.PostAsync($"/drops/{id}/open", null);

        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = new(contentType);
        var response = await Http.PostAsync($"/drops/{id}/claims", content);

        ((int)response.StatusCode).Should().Be(status, name);
        (await response.Problem()).GetProperty("type").GetString().Should().Be($"/problems/{type}");
        (await Version(id)).Should().Be(2);
    }

    [Theory]
    [InlineData("99999999999999999999999999999")]
    [InlineData("1e400")]
    [InlineData("1.5")]
    [InlineData("\"ten\"")]
    public async Task an_absurd_supply_is_rejected_as_a_bad_request(string supply)
    {
        var id = Samples.NewId("huge");
        var body = $$"""{"id":"{{id}}","title":"t","creator":"{{Samples.Creator}}","supply":{{supply}},"assets":[]}""";

        var response = await Http.PostAsync("/drops", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Problem()).GetProperty("type").GetString().Should().Be("/problems/malformed-request");
        (await Http.GetAsync($"/drops/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task unknown_routes_and_claims_are_404_problems()
    {
        var id = Samples.NewId("nf");
        await Http.PostJson("/drops", Samples.Drop(id));

        var claim = await Http.GetAsync($"/drops/{id}/claims/nope");
        claim.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await claim.Problem()).GetProperty("type").GetString().Should().Be("/problems/claim-not-found");
        (await (await Http.GetAsync("/drops/UPPER")).Problem()).GetProperty("type").GetString().Should().Be("/problems/drop-not-found");
    }

    [Theory]
    [InlineData("fromVersion=0")]
    [InlineData("limit=0")]
    [InlineData("limit=100000")]
    [InlineData("limit=abc")]
    public async Task bad_event_paging_is_a_bad_request(string query)
    {
        var id = Samples.NewId("page");
        await Http.PostJson("/drops", Samples.Drop(id));

        var response = await Http.GetAsync($"/drops/{id}/events?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await response.Problem();
    }

    private Task<HttpResponseMessage> Claim(string id, string claimId, string wallet, string? tier = null) =>
        Http.PostJson($"/drops/{id}/claims", new { claimId, wallet, tier });

    private async Task<long> Version(string id)
    {
        var response = await Http.GetAsync($"/drops/{id}");
        return response.IsSuccessStatusCode ? (await response.Read<JsonElement>()).GetProperty("version").GetInt64() : 0;
    }
}
