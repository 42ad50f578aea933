using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MicroEvents.Singletons;

namespace MicroEvents.Feeds;

public static class FeedSilo
{
    /// <summary>
    /// Runs <typeparamref name="THandler"/> as a feed in this silo's cluster: resolved from DI (a
    /// singleton), fed from its checkpoint on, kept running by every silo that registers it.
    /// </summary>
    public static ISiloBuilder AddFeed<THandler>(this ISiloBuilder silo) where THandler : class, IFeedHandler
    {
        silo.Services.AddSingleton<IFeedHandler, THandler>();
        silo.Services.TryAddSingleton<FeedMetrics>();
        return silo.KeepAwake<FeedWake>();
    }
}
