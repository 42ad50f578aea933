namespace MicroEvents.Silo.Hosting;

/// <summary>
/// Where the silo listens and what it stores to. Every value comes from configuration
/// (appsettings, environment such as <c>ConnectionStrings__Postgres</c>, or CLI options).
/// </summary>
public sealed record SiloSettings
{
    /// <summary>PostgreSQL; when empty a project-owned local cluster is started.</summary>
    public string? ConnectionString { get; init; }
    public string Urls { get; init; } = "http://localhost:5080";
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    public int SnapshotEvery { get; init; } = 10_000;

    /// <summary>How long a command may wait for storage before it is answered 503.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Events of one actor that may wait for storage before commands are answered 503.</summary>
    public int MaxUnconfirmedEvents { get; init; } = 50_000;
    public string Schema { get; init; } = "microevents";

    /// <summary>Data folder of the local PostgreSQL started when no connection string is set.</summary>
    public string? LocalDataDirectory { get; init; }

    public static SiloSettings From(IConfiguration config) => new()
    {
        ConnectionString = config.GetConnectionString("Postgres"),
        Urls = config["Urls"] ?? "http://localhost:5080",
        SiloPort = config.GetValue("Orleans:SiloPort", 11111),
        GatewayPort = config.GetValue("Orleans:GatewayPort", 30000),
        SnapshotEvery = config.GetValue("Journal:SnapshotEvery", 10_000),
        CommandTimeout = TimeSpan.FromSeconds(config.GetValue("Journal:CommandTimeoutSeconds", 4.0)),
        MaxUnconfirmedEvents = config.GetValue("Journal:MaxUnconfirmedEvents", 50_000),
        Schema = config["Journal:Schema"] ?? "microevents",
        LocalDataDirectory = config["LocalPostgres:DataDirectory"],
    };
}
