using System.Net;
using MicroEvents.Access;
using MicroEvents.Gateway;
using MicroEvents.Gateway.Auth;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Silo.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// The operator dashboard's cookie carries an operator API key: it must be a credential under /dashboard only,
/// for operators only, and only while the key behind it lives. The gateway is wired as the one-command run wires
/// it (cookie middleware before authentication); a probe endpoint stands in for the Orleans dashboard's pages.
/// </summary>
[Collection(NodeAttackCluster.Name)]
public class SignInDashboardCookieTests(NodeAttackServer server)
{
    [Fact]
    public async Task the_dashboard_cookie_is_a_credential_only_under_dashboard_and_only_while_its_key_lives()
    {
        await using var app = await DashboardGateway();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var (record, operatorKey) = await server.Keys.Create(AccessRole.Operator, "dashboard", null);
        var analystKey = await server.NewKey(AccessRole.Analyst, "dashboard analyst");
        server.Secrets.Add(operatorKey);

        (await Send(http, HttpMethod.Get, "/dashboard/probe", operatorKey)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, "/dashboard/probe", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Send(http, HttpMethod.Get, "/dashboard/probe", analystKey)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "operators only");

        var drop = Samples.NewId("cookie");
        var outside = await Send(http, HttpMethod.Post, "/drops", operatorKey, Samples.Drop(drop));
        outside.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a cookie a browser sends along is no credential outside /dashboard (no CSRF on the API)");
        (await server.Http.GetAsync($"/drops/{drop}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the refused request created nothing");

        (await server.Keys.Revoke(record.Id)).Should().BeTrue();
        server.Clock.Set(server.Clock.GetUtcNow().AddSeconds(6)); // past the gateway's 5-second caller cache
        (await Send(http, HttpMethod.Get, "/dashboard/probe", operatorKey)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the key behind the cookie was revoked");
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string? cookieKey, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body, options: GatewayServer.Json);
        if (cookieKey is not null) request.Headers.Add("Cookie", $"{OperatorDashboard.Cookie}={cookieKey}");
        return http.SendAsync(request);
    }

    private async Task<WebApplication> DashboardGateway()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(server.Logs);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Gateway:Limits:Enabled"] = "false";
        builder.Services.AddSingleton(server.Client);
        builder.Services.AddSingleton<IGrainFactory>(server.Client);
        builder.Services.AddSingleton<TimeProvider>(server.Clock);
        builder.AddGateway();
        var app = builder.Build();
        app.UseDashboardCookie();
        app.MapGateway();
        app.MapGet(OperatorDashboard.Path + "/probe", () => Results.Ok()).RequireOperator().ExcludeFromDescription();
        await app.StartAsync();
        return app;
    }
}
