using System.Net;

namespace MicroEvents.Silo.Hosting;

/// <summary>
/// Where the silo listens, which cluster it joins and what it stores to. Every value comes from
/// configuration (appsettings, environment such as <c>ConnectionStrings__Postgres</c>, or CLI options).
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

    /// <summary>The database schema holding the journal (Marten) and Orleans' membership, reminders and grain state.</summary>
    public string Schema { get; init; } = "microevents";

    /// <summary>Silos with the same cluster id form one cluster (membership rows are keyed by it).</summary>
    public string ClusterId { get; init; } = "microevents";

    /// <summary>Stable across deployments; reminders and grain state are keyed by it.</summary>
    public string ServiceId { get; init; } = "microevents";

    /// <summary>
    /// The address other silos and gateways reach this silo at. Loopback by default (one machine);
    /// "auto" lets Orleans pick this host's first network address; silos on several hosts need a reachable one.
    /// </summary>
    public string AdvertisedAddress { get; init; } = "127.0.0.1";

    /// <summary><see cref="ClusteringMode.Postgres"/> (membership table) unless localhost clustering is asked for explicitly.</summary>
    public ClusteringMode Clustering { get; init; } = ClusteringMode.Postgres;

    /// <summary>Data folder of the local PostgreSQL started when no connection string is set.</summary>
    public string? LocalDataDirectory { get; init; }

    /// <summary>
    /// What starts in place of unconfigured dependencies: the one-command run's stand-ins, set by the composition
    /// root (<c>Program.cs</c>); null (production hosting): nothing does, and a missing connection string is an error.
    /// </summary>
    public IStandIns? StandIns { get; init; }

    /// <summary>The local PostgreSQL runs with a synchronous standby (<c>--standby</c>, <c>LocalPostgres:Standby</c>); see LocalStandby.</summary>
    public bool Standby { get; init; }

    /// <summary>The secrets file (<c>Secrets:File</c>, <c>--secrets</c>); the local run uses one beside its data folder.</summary>
    public string? SecretsFile { get; init; }

    /// <summary>
    /// The shared secrets (<see cref="MicroEvents.Gateway.Secrets.SharedSecret"/>) by configuration key: set from
    /// configuration (environment), then filled from the secrets file by <see cref="MicroEvents.Silo.Secrets.SiloSecrets"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>Npgsql pool cap of the journal (Marten) per silo process; see <see cref="MicroEvents.Gateway.Cluster.ConnectionPools"/>.</summary>
    public int JournalPoolSize { get; init; } = MicroEvents.Gateway.Cluster.ConnectionPools.JournalDefault;

    /// <summary>Npgsql pool cap of Orleans' own tables (membership, reminders, grain state) per silo process.</summary>
    public int OrleansPoolSize { get; init; } = MicroEvents.Gateway.Cluster.ConnectionPools.OrleansDefault;

    /// <summary>Null for "auto": Orleans chooses.</summary>
    public IPAddress? AdvertisedIp =>
        AdvertisedAddress.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null
        : IPAddress.TryParse(AdvertisedAddress, out var ip) ? ip
        : throw new InvalidOperationException($"Orleans:AdvertisedAddress '{AdvertisedAddress}' is not an IP address (or \"auto\").");

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
        ClusterId = config["Orleans:ClusterId"] ?? "microevents",
        ServiceId = config["Orleans:ServiceId"] ?? "microevents",
        AdvertisedAddress = config["Orleans:AdvertisedAddress"] ?? "127.0.0.1",
        Clustering = ParseClustering(config["Orleans:Clustering"]),
        LocalDataDirectory = config["LocalPostgres:DataDirectory"],
        Standby = config.GetValue("LocalPostgres:Standby", false),
        SecretsFile = NullIfBlank(config[MicroEvents.Gateway.Secrets.ClusterSecrets.FileSetting]),
        Secrets = MicroEvents.Gateway.Secrets.SharedSecret.All
            .Where(s => !string.IsNullOrWhiteSpace(config[s.Key])).ToDictionary(s => s.Key, s => config[s.Key]!),
        JournalPoolSize = config.GetValue("Journal:MaxPoolSize", MicroEvents.Gateway.Cluster.ConnectionPools.JournalDefault),
        OrleansPoolSize = config.GetValue("Orleans:MaxPoolSize", MicroEvents.Gateway.Cluster.ConnectionPools.OrleansDefault),
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static ClusteringMode ParseClustering(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "postgres" => ClusteringMode.Postgres,
        "localhost" => ClusteringMode.Localhost,
        _ => throw new InvalidOperationException($"Orleans:Clustering must be \"postgres\" or \"localhost\", not \"{value}\"."),
    };
}

public enum ClusteringMode
{
    /// <summary>Membership in PostgreSQL: any number of silos on any hosts.</summary>
    Postgres,

    /// <summary>Orleans' development clustering: one silo, on this machine.</summary>
    Localhost,
}
