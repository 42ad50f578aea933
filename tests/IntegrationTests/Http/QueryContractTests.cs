using System.Net.Http.Json;
using System.Text;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>The strict query layer: unknown, unparsable or inverted parameters are 400 validation-failed naming the parameter.</summary>
[Collection(SharedGateway.Name)]
public class QueryContractTests(GatewayServer server)
{
    private HttpClient Http => server.Http;

    public static TheoryData<string, string> BadQueries => new()
    {
        // path and query ({id} is an existing drop), the parameter the problem must name
        { "/drops/{id}?asOf=1.5", "asOf" },
        { "/drops/{id}?asOf=March%203", "asOf" },
        { "/drops/{id}?asOf=999", "asOf" },
        { "/drops/{id}?asOf=2999-01-01T00:00:00Z", "asOf" },
        { "/drops/{id}/events?limit=abc", "limit" },
        { "/drops/{id}/events?limit=1&limit=2", "limit" },
        { "/drops/{id}/events?fromVersion=1.5", "fromVersion" },
        { "/events?to=1.5", "to" },
        { "/events?from=March%203", "from" },
        { "/events?strem=drop/x", "strem" },
        { "/events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to" },
        { "/events?after=10&through=5", "through" },
        { "/events?after=1.5", "after" },
        { "/projections?x=1", "x" },
        { "/creators/leaderboard?limit=ten", "limit" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task a_bad_query_parameter_is_a_validation_failure_naming_it(string pathAndQuery, string parameter)
    {
        var id = Samples.NewId("q");
        (await Http.PostJson("/drops", Samples.Drop(id))).EnsureSuccessStatusCode();

        var response = await Http.GetAsync(pathAndQuery.Replace("{id}", id));

        ((int)response.StatusCode).Should().Be(400);
        var problem = await response.Problem();
        problem.GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        problem.GetProperty("errors").TryGetProperty(parameter, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task asOf_still_answers_a_version_and_an_instant()
    {
        var id = Samples.NewId("q");
        (await Http.PostJson("/drops", Samples.Drop(id))).EnsureSuccessStatusCode();

        (await Http.GetAsync($"/drops/{id}?asOf=1")).EnsureSuccessStatusCode();
        (await Http.GetAsync($"/drops/{id}?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}")).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("/drops/no-such-drop/settlement")]
    [InlineData("/drops/no-such-drop/timeline")]
    [InlineData("/drops/no-such-drop/fulfilment/funnel")]
    public async Task every_per_drop_route_answers_404_for_a_drop_that_does_not_exist(string path)
    {
        var response = await Http.GetAsync(path);

        ((int)response.StatusCode).Should().Be(404);
        (await response.Problem()).GetProperty("type").GetString().Should().Be("/problems/drop-not-found");
    }

    [Fact]
    public async Task a_blank_feed_name_is_a_404_problem()
    {
        var response = await Http.GetAsync("/feeds/%20");

        ((int)response.StatusCode).Should().Be(404);
        await response.Problem();
    }

    [Fact]
    public async Task a_lone_surrogate_in_the_claim_id_is_a_validation_failure_naming_it()
    {
        var id = Samples.NewId("q");
        (await Http.PostJson("/drops", Samples.Drop(id))).EnsureSuccessStatusCode();
        await Http.PostAsync($"/drops/{id}/open", null);

        var response = await Http.PostAsync($"/drops/{id}/claims",
            new StringContent("{\"claimId\":\"a\\ud800b\",\"wallet\":\"" + Samples.Wallet(1) + "\"}", Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).Should().Be(400);
        var problem = await response.Problem();
        problem.GetProperty("type").GetString().Should().Be("/problems/validation-failed", problem.ToString());
        problem.GetProperty("errors").TryGetProperty("claimId", out _).Should().BeTrue(problem.ToString());
    }
}
