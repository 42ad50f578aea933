using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MicroEvents.Singletons;

namespace MicroEvents.Feeds;

public static class FeedSilo
{
    /// <summary>
    /// Runs <typeparamref name="THandler"/> as a feed in this silo's cluster: resolved from DI (a
    /// singleton), fed from its checkpoint on, kept running by every silo that registers it, and only there
    /// (a silo without the handler answers for the feed but never runs it: see <see cref="FeedGrain"/>).
    /// </summary>
    public static ISiloBuilder AddFeed<THandler>(this ISiloBuilder silo) where THandler : class, IFeedHandler
    {
        silo.Services.AddSingleton<IFeedHandler, THandler>();
        silo.Services.TryAddSingleton<FeedMetrics>();
        // One high-water reader per silo: its feeds share each reading of PostgreSQL.
        silo.Services.TryAddSingleton(sp => new SequenceHighWater(sp.GetRequiredService<Marten.IDocumentStore>(), sp.GetService<FeedMetrics>()));
        // The journal publishes what it committed here only when a feed registered it: no feed, no cost.
        silo.Services.TryAddSingleton<CommittedEvents>();
        if (silo.Services.All(s => s.ServiceType != typeof(SiloStopping)))
        {
            silo.Services.AddSingleton<SiloStopping>();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloStopping>());
        }
        return silo.KeepAwake<FeedWake>();
    }

    /// <summary>
    /// Feeds read everything back from PostgreSQL, as before the journal handed them what it committed: a diagnostic
    /// (<c>Feeds:FromMemory=false</c>) to measure what reading back costs. Call after every <see cref="AddFeed{THandler}"/>.
    /// </summary>
    public static ISiloBuilder ReadFeedsFromStorageOnly(this ISiloBuilder silo)
    {
        silo.Services.RemoveAll<CommittedEvents>();
        return silo;
    }
}
