using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.Gateway.Operations;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Silo.Clustering;

namespace MicroEvents.IntegrationTests.Clustering;

/// <summary>A two-silo test cluster behind the real gateway, with the activation clock every production silo has.</summary>
public sealed class TwoSiloServer : GatewayServer
{
    protected override void ConfigureSilo(ISiloBuilder silo) => silo.AddActivationClock();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Cluster.StartAdditionalSiloAsync();
        await Cluster.WaitForLivenessToStabilizeAsync();
    }
}

/// <summary>GET /operator/cluster and GET /operator/drops/{id}/location: where a drop's actor lives, and since when.</summary>
[Trait(Category.Name, Category.Slow)]
public class ClusterViewTests(TwoSiloServer server, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TwoSiloServer>, IDisposable
{
    /// <summary>What the silos and the gateway logged, for a failure's diagnosis.</summary>
    public void Dispose()
    {
        foreach (var line in server.Logs.Lines.Where(l => l.Contains("Exception") || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).Take(40)) output.WriteLine(line);
    }

    [Fact]
    public async Task an_operator_sees_both_silos_and_which_silo_holds_each_drop_and_since_when_without_activating_any()
    {
        var cluster = await server.Http.GetFromJsonAsync<ClusterView>("/operator/cluster", GatewayServer.Json);
        cluster!.Active.Should().Be(2);
        var active = cluster.Silos.Where(s => s.Status == "active").ToList();
        active.Should().HaveCount(2).And.OnlyContain(s => s.StartedAt > DateTimeOffset.UtcNow.AddMinutes(-10) && s.GatewayEndpoint != null,
            "both test silos take clients");

        var drops = Enumerable.Range(1, 8).Select(i => $"where-{i}").ToList();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        foreach (var drop in drops)
            (await server.Http.PostJson("/drops", Samples.Drop(drop, supply: 5))).StatusCode.Should().Be(HttpStatusCode.Created);

        var management = server.Client.GetGrain<IManagementGrain>(0);
        foreach (var drop in drops)
        {
            var location = await server.Http.GetFromJsonAsync<DropLocation>($"/operator/drops/{drop}/location", GatewayServer.Json);
            location!.Active.Should().BeTrue();
            var truth = await management.GetActivationAddress(server.Client.GetGrain<IDropGrain>(drop));
            location.Silo.Should().Be(truth!.ToParsableString(), "it reports the silo Orleans' directory holds the activation on");
            active.Select(s => s.Address).Should().Contain(location.Silo);
            location.ActivatedAt.Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow);
            location.AgeSeconds.Should().BeGreaterThanOrEqualTo(0);
        }

        var idle = await server.Http.GetFromJsonAsync<DropLocation>("/operator/drops/never-touched/location", GatewayServer.Json);
        idle!.Active.Should().BeFalse();
        idle.Silo.Should().BeNull();
        (await management.GetActivationAddress(server.Client.GetGrain<IDropGrain>("never-touched"))).Should().BeNull("looking a drop up does not activate it");
    }

    [Fact]
    public async Task only_operators_may_ask_and_a_bad_id_is_a_validation_problem()
    {
        (await server.Anonymous.GetAsync("/operator/cluster")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var analyst = server.NewClient(await server.NewKey(MicroEvents.Access.AccessRole.Analyst, "where"));
        (await analyst.GetAsync("/operator/drops/x/location")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // A blank id is what Orleans refuses as a grain key (the fuzzer found it as a 500).
        foreach (var id in new[] { "bad\u0001id", " ", "UPPER" })
        {
            var bad = await server.Http.GetAsync($"/operator/drops/{Uri.EscapeDataString(id)}/location");
            bad.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"'{id}' is no drop id");
            bad.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        var doc = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        doc.GetProperty("paths").TryGetProperty("/operator/drops/{id}/location", out _).Should().BeTrue();
        doc.GetProperty("paths").TryGetProperty("/operator/cluster", out _).Should().BeTrue();
    }
}
