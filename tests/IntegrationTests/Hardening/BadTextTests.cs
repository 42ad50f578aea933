using System.Net;
using System.Net.Http.Json;
using System.Text;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// Text PostgreSQL cannot store (NUL, control characters, unpaired surrogates) is refused at the door
/// with a 400 naming the field; it never reaches an append, so it can never wedge a drop.
/// </summary>
[Collection(SharedGateway.Name)]
public class BadTextTests(GatewayServer server)
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task a_nul_claim_among_500_concurrent_good_claims_is_refused_alone_and_the_drop_stays_live()
    {
        var id = Samples.NewId("nul");
        await Http.PostJson("/drops", Samples.Drop(id, supply: 1_000));
        await Http.PostAsync($"/drops/{id}/open", null);

        var good = Enumerable.Range(0, 500).Select(i => Http.PostJson($"/drops/{id}/claims", new { claimId = $"c{i}", wallet = Samples.Wallet(i) }));
        var poison = Http.PostJson($"/drops/{id}/claims", new { claimId = "a\u0000", wallet = Samples.Wallet(999) });
        var answers = await Task.WhenAll(good.Append(poison));

        var refused = answers[^1];
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await refused.Problem();
        problem.GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        problem.GetProperty("errors").TryGetProperty("claimId", out _).Should().BeTrue();
        answers[..^1].Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Created);

        var next = await Http.PostJson($"/drops/{id}/claims", new { claimId = "after", wallet = Samples.Wallet(1_000) });
        next.StatusCode.Should().Be(HttpStatusCode.Created);
        (await next.Read<ClaimReceipt>()).TokenNumber.Should().Be(501);
        var summary = await Http.GetFromJsonAsync<DropSummary>($"/drops/{id}", GatewayServer.Json);
        summary!.Minted.Should().Be(501);
        summary.Version.Should().Be(2 + 501);
    }

    [Fact]
    public async Task a_manifest_with_a_nul_in_its_title_or_tier_name_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var id = Samples.NewId("nulmf");
        var manifest = Samples.Drop(id, supply: 10, tiers: [new TierAllocation("VIP\u0000", 2)]) with { Title = "Summer\u0000Jam" };

        var answer = await Http.PostJson("/drops", manifest);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await answer.Problem()).GetProperty("errors");
        errors.TryGetProperty("title", out _).Should().BeTrue();
        errors.TryGetProperty("tiers[0].name", out _).Should().BeTrue();
        (await Http.GetAsync($"/drops/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_unpaired_surrogate_in_a_claim_id_is_refused()
    {
        var id = Samples.NewId("sur");
        await Http.PostJson("/drops", Samples.Drop(id));
        await Http.PostAsync($"/drops/{id}/open", null);

        // Escaped in the JSON text, as a client would send it: the JSON reader refuses it before any rule runs,
        // and the answer names the field like every other text rule.
        var body = new StringContent($$"""{"claimId":"x\ud800y","wallet":"{{Samples.Wallet(1)}}"}""", Encoding.UTF8, "application/json");
        var answer = await Http.PostAsync($"/drops/{id}/claims", body);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await answer.Problem();
        problem.GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        problem.GetProperty("errors").TryGetProperty("claimId", out _).Should().BeTrue();
        (await Http.GetFromJsonAsync<DropSummary>($"/drops/{id}", GatewayServer.Json))!.Version.Should().Be(2);
    }

    [Theory]
    [InlineData("X-Request-Id")]
    [InlineData("Idempotency-Key")]
    public async Task a_header_with_a_control_character_is_refused_naming_the_header(string header)
    {
        var id = Samples.NewId("hdr");
        await Http.PostJson("/drops", Samples.Drop(id));
        await Http.PostAsync($"/drops/{id}/open", null);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/drops/{id}/claims")
        {
            Content = JsonContent.Create(new { wallet = Samples.Wallet(1) }, options: GatewayServer.Json),
        };
        request.Headers.TryAddWithoutValidation(header, "abc\u0001def");
        if (header != "Idempotency-Key") request.Headers.Add("Idempotency-Key", "k1");
        var answer = await Http.SendAsync(request);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Problem()).GetProperty("errors").TryGetProperty(header, out _).Should().BeTrue();
        (await Http.GetFromJsonAsync<DropSummary>($"/drops/{id}", GatewayServer.Json))!.Version.Should().Be(2);
    }
}
