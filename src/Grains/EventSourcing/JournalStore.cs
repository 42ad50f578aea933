using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using MicroEvents.Modules;
using Weasel.Core;

namespace MicroEvents.EventSourcing;

/// <summary>How every actor's stream is stored in Marten: string stream keys, stable event aliases, metadata.</summary>
public static class JournalStore
{
    public const string DefaultSchema = "microevents";

    /// <param name="shape">Changes on top of the journal's configuration (a test's extra event types).</param>
    public static JournalDocumentStore Create(string connectionString, string schema = DefaultSchema, Action<StoreOptions>? shape = null)
    {
        var opts = new StoreOptions();
        Configure(opts, connectionString, schema);
        shape?.Invoke(opts);
        return new JournalDocumentStore(opts) { ConnectionString = Tuned(connectionString) };
    }

    /// <summary>
    /// Pooled connections skip the reset (DISCARD ALL) on return: the journal keeps no session state,
    /// and the reset would throw away the append function's cached plans on every append. A short
    /// connect timeout: an unreachable server must open the storage breaker in seconds, not hang a command.
    /// </summary>
    public static string Tuned(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, Timeout = 5 }.ConnectionString;

    /// <summary>
    /// Several hosts (a primary and its standby): Npgsql's multi-host source, used for writes only, so after a
    /// fail-over the journal's pool finds the promoted server as the Orleans pool does. A data source refuses
    /// <c>Target Session Attributes</c> in its connection string; it is applied here instead (read-write by default).
    /// </summary>
    public static NpgsqlDataSource MultiHostSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var target = builder.ConnectionStringBuilder.TargetSessionAttributes;
        builder.ConnectionStringBuilder.TargetSessionAttributes = null;
        return builder.BuildMultiHost().WithTargetSession(target?.ToLowerInvariant() switch
        {
            null or "read-write" => TargetSessionAttributes.ReadWrite,
            "primary" => TargetSessionAttributes.Primary,
            "prefer-primary" => TargetSessionAttributes.PreferPrimary,
            "any" => TargetSessionAttributes.Any,
            _ => throw new ArgumentException($"Target Session Attributes={target} cannot take the journal's writes; use read-write or primary."),
        });
    }

    public static bool IsMultiHost(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Host?.Contains(',') == true;

    public static void Configure(StoreOptions opts, string connectionString, string schema = DefaultSchema)
    {
        var tuned = Tuned(connectionString);
        if (IsMultiHost(tuned)) opts.Connection(MultiHostSource(tuned));
        else opts.Connection(tuned);
        opts.DatabaseSchemaName = schema;
        // The schema is applied explicitly (`migrate`, start-up); CreateOrUpdate is only a safety net.
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        foreach (var (type, alias) in EventAliases())
            opts.Events.MapEventType(type, alias);

        MicroEvents.Projections.ProjectionCatalogue.Configure(opts, schema);

        opts.Schema.For<ActorSnapshot>().Identity(s => s.Id);
        // Each feature's documents (and events, above) come from its own module, not from a list here.
        foreach (var module in SiloModules.All) module.ConfigureMarten(opts);
    }

    /// <summary>Every event type the feature modules declare, with its stable alias.</summary>
    public static IEnumerable<(Type Type, string Alias)> EventAliases() => SiloModules.EventAliases();

    /// <summary>Creates or updates every table and function the store needs; safe to run repeatedly.</summary>
    public static async Task ApplySchema(IDocumentStore store)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await SnapshotStore.CompressWithLz4(store);
        await EventTableSample.Shrink(store);
    }
}
