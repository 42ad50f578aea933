using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// Another site on loopback (its own Kestrel, its own port: another origin) serving a creator's asset twice: at
/// <see cref="Shared"/> with <c>Access-Control-Allow-Origin: *</c>, as an IPFS gateway or a CDN does, and at
/// <see cref="Private"/> without it, so a browser on the console's origin may not read it.
/// </summary>
public sealed class AssetHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    public byte[] Bytes { get; }
    public Uri Shared { get; }
    public Uri Private { get; }

    private AssetHost(WebApplication app, byte[] bytes)
    {
        (_app, Bytes) = (app, bytes);
        var root = new Uri(app.Urls.First());
        (Shared, Private) = (new Uri(root, "shared/poster.png"), new Uri(root, "private/poster.png"));
    }

    public static async Task<AssetHost> Start(byte[] bytes)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/shared/poster.png", (HttpContext http) =>
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.Bytes(bytes, "image/png");
        });
        app.MapGet("/private/poster.png", () => Results.Bytes(bytes, "image/png"));
        await app.StartAsync();
        return new AssetHost(app, bytes);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
