using System.Net;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

public class ReadinessTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task when_the_cluster_is_gone_anonymous_callers_see_503_without_exception_text()
    {
        (await server.Anonymous.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        await server.Cluster.StopAllSilosAsync();
        var response = await server.Anonymous.GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var detail = (await response.Problem()).GetProperty("detail").GetString();
        detail.Should().Be("Not ready: the cluster or PostgreSQL is unavailable.");
        server.Logs.Lines.Should().Contain(l => l.Contains("Readiness check failed"), "operators find the cause in the log");
    }
}
