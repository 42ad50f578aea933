using MicroEvents.Drops.Events;
using MicroEvents.Feeds;
using MicroEvents.Fulfilment;
using MicroEvents.Gateway.WebConsole;
using MicroEvents.IntegrationTests.Fulfilment;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Partner;
using MicroEvents.Projections;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// What the one-command local run serves to a browser: the gateway with its console, the development wallet, the
/// projections behind a drop's figures, venues, receipts and settlement on a real anvil, and fulfilment with the
/// partner simulator (a real Kestrel app; its behaviour is changed over HTTP, as an operator would). The cluster also
/// runs one feed the console has never heard of, as a deployment with a newer feature would.
/// </summary>
public sealed class ConsoleServer : SettlementServer
{
    public const string CallbackSecret = "console-callback-secret";
    public const string UnlistedFeed = "console-test-mints";

    public DevelopmentWallet Wallet { get; } = new();

    private TestPartner _partner = null!;

    public PartnerSimulator Partner => _partner.Simulator;

    public override async Task InitializeAsync()
    {
        _partner = await TestPartner.Start(CallbackSecret, new SimulatorBehaviour(), Clock);
        await base.InitializeAsync();
        _partner.CallBack(BaseAddress);
    }

    protected override void Configure(IConfiguration config)
    {
        base.Configure(config);
        _partner.ConfigureGateway(config);
    }

    protected override void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        base.ConfigureFeatures(settings);
        settings["Projections:Enabled"] = "true";
        foreach (var (key, value) in _partner.SiloSettings(attempts: 3)) settings[key] = value;
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        base.ConfigureSilo(silo);
        silo.AddFeed<UnlistedMintFeed>();
    }

    protected override void Map(WebApplication app) => app.MapDevelopmentWallet(Wallet);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _partner.DisposeAsync();
    }

    /// <summary>A feed that only counts mints: its name is in no list the console could have kept.</summary>
    private sealed class UnlistedMintFeed : IFeedHandler
    {
        public string Name => UnlistedFeed;
        public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TokenMinted)];
        public Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct) => Task.CompletedTask;
    }
}
