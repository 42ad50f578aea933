using MicroEvents.Gateway;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>One cluster for the sign-in, node and receipt attack classes (they run one after another on it).</summary>
[CollectionDefinition(Name)]
public sealed class NodeAttackCluster : ICollectionFixture<NodeAttackServer>
{
    public const string Name = "trust boundary: sign-in, node and receipt attacks";
}

/// <summary>
/// The claim server with venue nodes and receipts, plus a second gateway on the same cluster: what an attacker
/// meets in a deployment of several gateways behind a load balancer.
/// </summary>
public sealed class NodeAttackServer : ClaimServer
{
    private WebApplication? _second;

    /// <summary>An anonymous client of the second gateway.</summary>
    public HttpClient SecondGateway { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Gateway:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString();
        Configure(builder.Configuration);
        builder.Services.AddSingleton(Client);
        builder.Services.AddSingleton<IGrainFactory>(Client);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddGateway();
        _second = builder.Build();
        _second.MapGateway();
        await _second.StartAsync();
        SecondGateway = new HttpClient { BaseAddress = new Uri(_second.Urls.First()) };
    }

    public override async Task DisposeAsync()
    {
        SecondGateway.Dispose();
        if (_second is not null) await _second.DisposeAsync();
        await base.DisposeAsync();
    }
}
