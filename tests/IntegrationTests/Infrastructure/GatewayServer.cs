using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// The real gateway on Kestrel (loopback, free port) as its own host, talking to the test cluster.
/// <see cref="Http"/> sends an operator API key; <see cref="Anonymous"/> sends nothing.
/// </summary>
public class GatewayServer : DropCluster
{
    private WebApplication? _app;
    private readonly List<HttpClient> _clients = [];
    private readonly List<WebApplication> _others = [];

    /// <summary>Sends an operator API key.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The operator key <see cref="Http"/> sends, for tests that make clients of their own.</summary>
    public string OperatorKey { get; private set; } = "";
    public HttpClient Anonymous { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public ApiKeyStore Keys { get; private set; } = null!;

    /// <summary>Every key and token this fixture made, for the secrets scan.</summary>
    public List<string> Secrets { get; } = [];

    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>Smaller than the default so the 413 test needs no megabytes.</summary>
    public const int MaxRequestBodyBytes = 16 * 1024;

    /// <summary>
    /// Configuration for the gateway. Abuse limits are off here: most tests drive many claims from one
    /// address; the limit tests' fixtures turn them on.
    /// </summary>
    protected virtual void Configure(IConfiguration config) => config["Gateway:Limits:Enabled"] = "false";

    /// <summary>Routes a fixture adds beside the gateway's own, as the one-command run adds its development ones.</summary>
    protected virtual void Map(WebApplication app) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Keys = new ApiKeyStore(new AccessDatabase(Store), TimeProvider.System);
        _app = await StartGateway();
        BaseAddress = new Uri(_app.Urls.First());
        Anonymous = NewClient(null);
        OperatorKey = await NewKey(AccessRole.Operator, "tests");
        Http = NewClient(OperatorKey);
    }

    /// <summary>
    /// A second (third…) gateway process-alike on its own port, with the same configuration, talking to the
    /// same cluster: how production runs M gateways. Anonymous client; disposed with the fixture.
    /// </summary>
    public async Task<HttpClient> StartAnotherGateway()
    {
        var app = await StartGateway();
        _others.Add(app);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        _clients.Add(client);
        return client;
    }

    private async Task<WebApplication> StartGateway()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs).SetMinimumLevel(CapturedLogLevel);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Gateway:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString();
        Configure(builder.Configuration);
        builder.Services.AddSingleton(Client);
        builder.Services.AddSingleton<IGrainFactory>(Client);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddGateway();
        var app = builder.Build();
        app.MapGateway();
        Map(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>A new API key of <paramref name="role"/>, remembered for the secrets scan.</summary>
    public async Task<string> NewKey(AccessRole role, string label)
    {
        var (_, key) = await Keys.Create(role, label, null);
        Secrets.Add(key);
        return key;
    }

    /// <summary>A client sending <paramref name="bearer"/> (an API key or creator token), or nothing when null.</summary>
    public HttpClient NewClient(string? bearer)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        _clients.Add(client);
        return client;
    }

    public override async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var other in _others) await other.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
        await base.DisposeAsync();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        GatewayHost.Configure(json);
        return json;
    }
}

public static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient http, string path, object body) =>
        http.PostAsJsonAsync(path, body, GatewayServer.Json);

    public static async Task<T> Read<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(GatewayServer.Json))!;

    public static async Task<JsonElement> Problem(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
