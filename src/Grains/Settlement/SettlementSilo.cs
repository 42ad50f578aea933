using MicroEvents.Feeds;
using MicroEvents.Settlement.Chain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MicroEvents.Settlement;

public static class SettlementSilo
{
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
