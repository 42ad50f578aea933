using System.CommandLine;
using MicroEvents.Access;
using MicroEvents.EventSourcing;
using MicroEvents.Silo.Analysts;
using MicroEvents.Silo.Clustering;
using MicroEvents.Silo.Hosting;
using MicroEvents.Silo.Keys;
using MicroEvents.Silo.Secrets;
using MicroEvents.Gateway.Cluster;

// The silo's command line: `run` (default) starts PostgreSQL if needed, the silo and the gateway;
// `migrate` applies the database schema and exits.
// Disposed when the verb returns, which flushes the console logger: a start-up error is never lost to an early exit.
using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
var connection = new Option<string?>("--connection-string") { Description = "PostgreSQL connection string (default: ConnectionStrings:Postgres, else a local PostgreSQL under .pgdata/)" };
var urls = new Option<string?>("--urls") { Description = "HTTP address(es) of the gateway (default http://localhost:5080)" };
var siloPort = new Option<int?>("--silo-port") { Description = "Orleans silo-to-silo port (default 11111)" };
var gatewayPort = new Option<int?>("--gateway-port") { Description = "Orleans client gateway port (default 30000)" };
var standby = new Option<bool>("--standby") { Description = "The local PostgreSQL gets a synchronous streaming standby (<data folder>-standby): a 2xx is on both; `db promote` makes the standby the primary" };
var secrets = new Option<string?>("--secrets") { Description = "The secrets file made by `secrets init` (default: Secrets__File; the local run keeps one beside .pgdata/dev)" };

var silos = new Option<int>("--silos") { Description = "Silo processes", DefaultValueFactory = _ => 3 };
var gateways = new Option<int>("--gateways") { Description = "Gateway processes (Orleans clients serving HTTP)", DefaultValueFactory = _ => 2 };
var httpPort = new Option<int>("--http-port") { Description = "First HTTP port: gateways, then silos, count up from it (ports in use are skipped)", DefaultValueFactory = _ => 5080 };

var cluster = new Command("cluster", "Start a local cluster: PostgreSQL (if none is configured), N silo processes and M gateway processes. Ctrl-C stops all.");
var run = new Command("run", "Start the whole system: PostgreSQL (if none is configured), one silo and the HTTP gateway.");
var migrate = new Command("migrate", "Create or update the database schema (idempotent), then exit.");
var keys = KeyCommands.Create(connection, (parse, ct, verb) => Guarded(parse, ct, (settings, log, token) => WithKeys(settings, log, token, verb)));
var root = new RootCommand("MicroEvents.Orleans silo: event-sourced drops on Orleans and PostgreSQL.") { run, migrate, cluster, keys };
root.Subcommands.Add(SecretsCommand.Create(() => SiloSettings.From(EnvironmentConfiguration())));
// Each feature's verbs (catalogue, export, replay, rebuild, verify-receipt, node-sim…) come from its module.
foreach (var verb in CommandLineModules.Verbs(connection, Guarded)) root.Subcommands.Add(verb);
root.Subcommands.Add(MicroEvents.Silo.Backups.BackupCommand.Create(connection, Guarded));
root.Subcommands.Add(MicroEvents.Silo.Backups.RestoreCommand.Create(() => loggers.CreateLogger("MicroEvents")));
root.Subcommands.Add(MicroEvents.Silo.Backups.DatabaseCommand.Create(() => SiloSettings.From(EnvironmentConfiguration()), () => loggers.CreateLogger("MicroEvents")));
foreach (var option in new Option[] { connection, urls, siloPort, gatewayPort, secrets, standby }) { run.Options.Add(option); root.Options.Add(option); }
migrate.Options.Add(connection);
foreach (var option in new Option[] { silos, gateways, httpPort, connection, siloPort, gatewayPort, secrets, standby }) cluster.Options.Add(option);
cluster.Subcommands.Add(ClusterControl.RestartCommand(() => SiloSettings.From(EnvironmentConfiguration())));

run.SetAction((parse, ct) => Guarded(parse, ct, Run));
root.SetAction((parse, ct) => Guarded(parse, ct, Run));
migrate.SetAction((parse, ct) => Guarded(parse, ct, Migrate));
cluster.SetAction((parse, ct) => Guarded(parse, ct, (settings, log, ct) => Cluster(parse, settings, log, ct)));

// System.CommandLine would end the process 2 s after Ctrl-C/SIGTERM, before the silo stopped and
// before the PostgreSQL it started was stopped: give shutdown its full, bounded time instead.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = SiloHost.ShutdownTimeout + TimeSpan.FromSeconds(8) });

async Task<int> Migrate(SiloSettings settings, ILogger log, CancellationToken ct)
{
    await using var storage = await Storage.Resolve(settings, log, ct);
    using var store = await ApplySchema(storage.ConnectionString, settings, log, ct);
    await using (var connection = await new AccessDatabase(store).Open(ct)) { }
    log.LogInformation("Schema {Schema} is up to date", settings.Schema);
    return 0;
}

async Task<int> WithKeys(SiloSettings settings, ILogger log, CancellationToken ct, Func<ApiKeyStore, CancellationToken, Task<int>> verb)
{
    await using var storage = await Storage.Resolve(settings, log, ct);
    using var store = JournalStore.Create(storage.ConnectionString, settings.Schema);
    return await verb(new ApiKeyStore(new AccessDatabase(store), TimeProvider.System), ct);
}

async Task<int> Run(SiloSettings settings, ILogger log, CancellationToken ct)
{
    // Refused before anything starts: every missing shared secret named at once.
    settings = SiloSecrets.Resolve(settings);
    await using var storage = await Storage.Resolve(settings, log, ct);
    using var store = await ApplySchema(storage.ConnectionString, settings, log, ct);

    if (storage.IsLocal) await DevelopmentKey.PrintOnFirstStart(new ApiKeyStore(new AccessDatabase(store), TimeProvider.System), ct);

    var app = SiloHost.Build([], settings, storage.ConnectionString, store);
    await app.StartAsync(ct);
    log.LogInformation("MicroEvents is up: HTTP {Urls} (API docs at /scalar), Orleans gateway port {Port}, cluster {ClusterId} ({Clustering} membership). Ctrl-C stops it.",
        settings.Urls, settings.GatewayPort, settings.ClusterId, settings.Clustering);
    try
    {
        await app.WaitForShutdownAsync(ct);
    }
    catch (OperationCanceledException)
    {
    }
    // Bounded even with a stuck actor: then `storage` is disposed, which stops the PostgreSQL we started.
    try
    {
        using var stopping = new CancellationTokenSource(SiloHost.ShutdownTimeout);
        await app.StopAsync(stopping.Token).WaitAsync(SiloHost.ShutdownTimeout + TimeSpan.FromSeconds(2));
        await app.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(3));
    }
    catch (Exception e) when (e is TimeoutException or OperationCanceledException)
    {
        log.LogWarning("The silo did not stop within {Seconds} s; stopping anyway", SiloHost.ShutdownTimeout.TotalSeconds);
    }
    log.LogInformation("Stopped");
    return 0;
}

// Migrates once here, so the processes it starts find the schema ready instead of racing to create it.
async Task<int> Cluster(ParseResult parse, SiloSettings settings, ILogger log, CancellationToken ct)
{
    settings = SiloSecrets.Resolve(settings, gateways: parse.GetValue(gateways) > 0);
    await using var storage = await Storage.Resolve(settings, log, ct);
    await ClusterCapacity.Check(storage.ConnectionString, parse.GetValue(silos), parse.GetValue(gateways), settings, log, ct);
    using (var store = await ApplySchema(storage.ConnectionString, settings, log, ct))
        if (storage.IsLocal) await DevelopmentKey.PrintOnFirstStart(new ApiKeyStore(new AccessDatabase(store), TimeProvider.System), ct);
    return await new LocalCluster(settings, storage.ConnectionString, log)
        .Run(parse.GetValue(silos), parse.GetValue(gateways), parse.GetValue(httpPort), ct);
}

// The journal's tables (Marten) and Orleans' own (membership, reminders, grain state), both idempotent.
async Task<Marten.DocumentStore> ApplySchema(string connectionString, SiloSettings settings, ILogger log, CancellationToken ct)
{
    // The journal's pool is capped (Journal:MaxPoolSize) so silos × pools fit max_connections; see ConnectionPools.
    var store = JournalStore.Create(ConnectionPools.Capped(connectionString, settings.JournalPoolSize), settings.Schema);
    await JournalStore.ApplySchema(store);
    var applied = await OrleansSchema.Apply(connectionString, settings.Schema, ct: ct);
    if (applied.Count > 0) log.LogInformation("Orleans schema in {Schema}: applied version(s) {Versions}", settings.Schema, string.Join(", ", applied));
    return store;
}

// Start-up failures a user can fix (missing PostgreSQL binaries, unreachable database, port in use)
// end with one clear line and exit code 1, not a stack trace.
async Task<int> Guarded(ParseResult parse, CancellationToken ct, Func<SiloSettings, ILogger, CancellationToken, Task<int>> verb)
{
    var (settings, log) = Settings(parse);
    try
    {
        return await verb(settings, log, ct);
    }
    catch (OperationCanceledException) when (ct.IsCancellationRequested)
    {
        return 130;
    }
    catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException or IOException or TimeoutException or ArgumentException)
    {
        log.LogCritical("Cannot start: {Message}", e.Message);
        return 1;
    }
}

(SiloSettings, ILogger) Settings(ParseResult parse)
{
    var settings = SiloSettings.From(EnvironmentConfiguration());
    settings = settings with
    {
        // The composition root is the one place that knows the development stand-ins (src/LocalStandIns).
        StandIns = new MicroEvents.Silo.LocalRun.OneCommandRun(),
        SecretsFile = parse.GetValue(secrets) ?? settings.SecretsFile,
        ConnectionString = parse.GetValue(connection) ?? settings.ConnectionString,
        Urls = parse.GetValue(urls) ?? settings.Urls,
        SiloPort = parse.GetValue(siloPort) ?? settings.SiloPort,
        GatewayPort = parse.GetValue(gatewayPort) ?? settings.GatewayPort,
        Standby = parse.GetValue(standby) || settings.Standby,
    };
    return (settings, loggers.CreateLogger("MicroEvents"));
}

static IConfiguration EnvironmentConfiguration() => new ConfigurationBuilder()
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .Build();
