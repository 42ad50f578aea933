using MicroEvents.Feeds;
using MicroEvents.Settlement.Chain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MicroEvents.Settlement;

public static class SettlementSilo
{
    /// <summary>Settlement runs when it is not switched off and a chain is configured (<c>Settlement:RpcUrl</c>, set by the local run's anvil too).</summary>
    public static bool Enabled(IConfiguration config) =>
        config.GetSection(SettlementOptions.Section).GetValue(nameof(SettlementOptions.Enabled), true)
        && !string.IsNullOrWhiteSpace(config[$"{SettlementOptions.Section}:{nameof(SettlementOptions.RpcUrl)}"]);

    /// <summary>The settlement actor and its chain; <paramref name="configure"/> overrides configuration (tests, the local anvil).</summary>
    public static ISiloBuilder AddSettlement(this ISiloBuilder silo, IConfiguration config, Action<SettlementOptions>? configure = null)
    {
        silo.Services.AddOptions<SettlementOptions>().Bind(config.GetSection(SettlementOptions.Section)).Configure(o => configure?.Invoke(o));
        silo.Services.AddSingleton<AnchorChain>();
        silo.Services.AddSingleton<SettlementMetrics>();
        silo.AddFeed<SettlementFeed>();
        silo.AddFeed<HandOffDeliveryFeed>();
        return silo;
    }
}
