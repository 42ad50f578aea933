using MicroEvents.Gateway;
using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Modules;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroEvents.IntegrationTests.Auth;

/// <summary>
/// Every feature module's endpoints say who may call them, and every endpoint comes from a module or is one
/// of the gateway's own. Read from a gateway that is built but not started, so a missing declaration is named
/// here per module instead of only refusing the start-up (EndpointAccessCheck).
/// </summary>
[Collection(SharedGateway.Name)]
public class ModuleEndpointTests(GatewayServer server)
{
    /// <summary>The gateway's own routes, mapped by its host rather than by a feature.</summary>
    private static readonly string[] GatewayOwn = ["/openapi", "/scalar", "/metrics", "/auth", "/health"];

    [Fact]
    public async Task every_endpoint_of_every_feature_module_declares_who_may_call_it()
    {
        var endpoints = await Endpoints();
        var byModule = endpoints.Where(e => e.Metadata.GetMetadata<FeatureEndpoint>() is not null)
            .ToLookup(e => e.Metadata.GetMetadata<FeatureEndpoint>()!.Module);

        GatewayModules.All.Where(m => !byModule[m.Name].Any()).Select(m => m.Name).Should().BeEmpty("every gateway module maps endpoints");
        endpoints.Where(e => e.Metadata.GetMetadata<FeatureEndpoint>() is { } && e.Metadata.GetMetadata<EndpointAccess>() is null)
            .Select(e => $"{e.Metadata.GetMetadata<FeatureEndpoint>()!.Module}: {e.DisplayName}")
            .Should().BeEmpty("each endpoint declares exactly one of Roles' AllowPublic/Require… (see Roles)");
        byModule["Skus"].Should().OnlyContain(e => e.Metadata.GetMetadata<EndpointAccess>()!.Roles.SequenceEqual(new[] { Roles.Operator }));
    }

    [Fact]
    public async Task a_projections_answers_are_mapped_by_its_feature_and_the_projections_module_keeps_only_the_daemons_routes()
    {
        var byModule = (await Endpoints()).Where(e => e.Metadata.GetMetadata<FeatureEndpoint>() is not null)
            .ToLookup(e => e.Metadata.GetMetadata<FeatureEndpoint>()!.Module, e => "/" + e.RoutePattern.RawText!.TrimStart('/'));
        byModule["Projections"].Should().NotBeEmpty().And.OnlyContain(route => route.StartsWith("/projections", StringComparison.Ordinal),
            "a read model's endpoints sit in its feature's module (Drops: timeline, leaderboard; Fulfilment: funnel; Venues: stats)");
        byModule["Drops"].Should().Contain(["/drops/{id}/timeline", "/creators/leaderboard"]);
        byModule["Fulfilment"].Should().Contain("/drops/{id}/fulfilment/funnel");
    }

    [Fact]
    public async Task every_endpoint_comes_from_a_feature_module_or_is_the_gateways_own()
    {
        var endpoints = await Endpoints();
        endpoints.Should().Contain(e => e.RoutePattern.RawText!.EndsWith("health/live")).And.Contain(e => e.RoutePattern.RawText!.EndsWith("skus/{sku}"));
        endpoints.Where(e => e.Metadata.GetMetadata<FeatureEndpoint>() is null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(route => !GatewayOwn.Any(own => route.StartsWith(own, StringComparison.Ordinal)))
            .Should().BeEmpty("a feature maps its endpoints in its IGatewayModule, not in GatewayHost");
    }

    /// <summary>The gateway as its host wires it, talking to the fixture's cluster, never started.</summary>
    private async Task<IReadOnlyList<RouteEndpoint>> Endpoints()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(server.Client);
        builder.Services.AddSingleton<IGrainFactory>(server.Client);
        builder.AddGateway();
        await using var app = builder.Build();
        app.MapGateway();
        // The app's own sources: the EndpointDataSource service is only filled in when the app starts.
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
    }
}
