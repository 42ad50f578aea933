using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MicroEvents.Telemetry;

namespace MicroEvents.EventSourcing;

public static class JournalProvider
{
    /// <summary>
    /// The log-consistency provider name. Orleans registers custom storage as "LogStorage" while
    /// grains default to "Default"; naming both explicitly avoids a silent fall-back to state storage.
    /// </summary>
    public const string Name = "LogStorage";

    /// <summary>Event-sourced actors on Marten: the provider, the journal and a clock.</summary>
    public static ISiloBuilder AddEventJournal(this ISiloBuilder silo, IDocumentStore store, Action<JournalOptions>? configure = null)
    {
        silo.AddCustomStorageBasedLogConsistencyProvider(Name);
        silo.Services.AddSingleton(store);
        silo.Services.AddSingleton<EventJournal>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<ActorMetrics>();
        silo.Services.TryAddSingleton<MicroEvents.Feeds.FeedMetrics>(); // a feed asked about in a silo without feeds still answers
        silo.Services.AddOptions<JournalOptions>().Configure(o => configure?.Invoke(o));
        return silo;
    }
}
