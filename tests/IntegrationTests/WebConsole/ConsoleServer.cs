using MicroEvents.Gateway.WebConsole;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Projections;
using Microsoft.AspNetCore.Builder;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// What the one-command local run serves to a browser: the gateway with its console, the development wallet, the
/// projections behind a drop's figures, venues, receipts and settlement on a real anvil.
/// </summary>
public sealed class ConsoleServer : SettlementServer
{
    public DevelopmentWallet Wallet { get; } = new();

    protected override void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        base.ConfigureFeatures(settings);
        settings["Projections:Enabled"] = "true";
    }

    protected override void Map(WebApplication app) => app.MapDevelopmentWallet(Wallet);
}
