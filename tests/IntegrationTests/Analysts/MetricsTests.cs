using System.Net;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>What an operator's Prometheus scrapes from <c>/metrics</c> after a few claims and an export.</summary>
[Collection(SharedGateway.Name)]
public class MetricsTests(GatewayServer server)
{
    [Fact]
    public async Task metrics_name_the_mints_claims_rejections_appends_and_exports()
    {
        var id = Samples.NewId("metrics");
        await server.Client.OpenDrop(Samples.Drop(id, supply: 2));
        foreach (var i in new[] { 1, 2, 3 })
            await server.Http.PostJson($"/drops/{id}/claims", new { claimId = $"c-{i}", wallet = Samples.Wallet(i) });
        (await server.Http.PostJson($"/drops/{id}/claims", new { claimId = "c-1", wallet = Samples.Wallet(1) })).StatusCode.Should().Be(HttpStatusCode.OK);
        await server.Http.GetStringAsync($"/events?stream=drop/{id}");

        var response = await server.Http.GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();

        Series(text, "microevents_drop_mint_duration_seconds_bucket{").Should().Contain(l => l.Contains("outcome=\"minted\""));
        Series(text, "microevents_drop_claims_total{").Should().Contain(l => l.Contains("outcome=\"minted\""))
            .And.Contain(l => l.Contains("outcome=\"replayed\"")).And.Contain(l => l.Contains("outcome=\"rejected\""));
        Series(text, "microevents_rejections_total{").Should().Contain(l => l.Contains("reason=\"sold-out\"") && l.Contains("kind=\"drop\""));
        Series(text, "microevents_journal_append_size").Should().Contain(l => l.Contains("kind=\"drop\""));
        Series(text, "microevents_export_events_total").Should().NotBeEmpty();
        Series(text, "http_server_request_duration_seconds").Should().NotBeEmpty("ASP.NET Core is instrumented");
        Series(text, "orleans_").Should().NotBeEmpty("Orleans' own meters are exported");
        Series(text, "db_client_operation_duration_seconds").Should().NotBeEmpty("Npgsql is instrumented");
    }

    [Fact]
    public async Task the_scrape_endpoint_is_in_the_openapi_document() =>
        (await server.Http.GetStringAsync("/openapi/v1.json")).Should().Contain("\"/metrics\"");

    private static List<string> Series(string text, string prefix) =>
        text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
}
