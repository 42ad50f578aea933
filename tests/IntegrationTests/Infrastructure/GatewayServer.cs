using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>The real gateway on Kestrel (loopback, free port) as its own host, talking to the test cluster.</summary>
public class GatewayServer : DropCluster
{
    private WebApplication? _app;

    public HttpClient Http { get; private set; } = null!;

    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>Smaller than the default so the 413 test needs no megabytes.</summary>
    public const int MaxRequestBodyBytes = 16 * 1024;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Gateway:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString();
        builder.Services.AddSingleton(Client);
        builder.Services.AddSingleton<IGrainFactory>(Client);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddGateway();
        _app = builder.Build();
        _app.MapGateway();
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public override async Task DisposeAsync()
    {
        Http.Dispose();
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
