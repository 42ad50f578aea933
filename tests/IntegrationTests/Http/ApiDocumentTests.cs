using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

[Collection(SharedGateway.Name)]
public class ApiDocumentTests(GatewayServer server)
{
    [Fact]
    public async Task the_openapi_document_describes_every_route_and_problem_type()
    {
        var doc = await server.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/drops", "/drops/{id}", "/drops/{id}/open", "/drops/{id}/pause", "/drops/{id}/close",
            "/drops/{id}/claims", "/drops/{id}/claims/{claimId}", "/drops/{id}/events", "/health/live", "/health/ready"]);
        var claims = doc.GetProperty("paths").GetProperty("/drops/{id}/claims").GetProperty("post");
        claims.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["201", "200", "400", "409", "413", "415"]);
        claims.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).Should().BeTrue();
        var description = doc.GetProperty("info").GetProperty("description").GetString();
        foreach (var code in new[] { "sold-out", "wallet-limit-reached", "claim-id-conflict", "invalid-wallet", "drop-paused" })
            description.Should().Contain($"/problems/{code}");
    }

    [Fact]
    public async Task interactive_docs_and_health_endpoints_answer()
    {
        (await server.Http.GetAsync("/scalar")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await server.Http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await server.Http.GetFromJsonAsync<JsonElement>("/health/ready");
        ready.GetProperty("status").GetString().Should().Be("ready");
        ready.GetProperty("postgres").GetString().Should().Be("ok");
    }
}
