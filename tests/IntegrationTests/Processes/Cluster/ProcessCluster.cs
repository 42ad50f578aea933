using MicroEvents.Drops;
using MicroEvents.Gateway.Cluster;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>The cluster process tests start several processes each; they run one class at a time, beside the other tests.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessClusterCollection
{
    public const string Name = "process clusters";
}

/// <summary>
/// Silo and gateway processes of one cluster on the test PostgreSQL, in a schema of their own, with
/// membership tuned for fast fail-over. Silos can be SIGKILLed, stopped with SIGTERM and replaced.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Membership settings the fail-over tests use (docs/operations.md "Running a cluster"): a silo that misses two
    /// 1-second probes is suspected, two votes (or one, once only two silos are left) declare it dead.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FastFailover = new Dictionary<string, string>
    {
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__NumVotesForDeathDeclaration"] = "2",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
        ["Orleans__Membership__DeathVoteExpirationTimeout"] = "00:00:10",
        ["Orleans__GatewayListRefreshPeriod"] = "00:00:02",
    };

    /// <summary>
    /// The projection daemon and receipt sealing off. A graceful hand-off moves them too, and on a 2-core
    /// machine also running other tests their catch-up on the remaining silos can push a handed-off drop's
    /// first claims past the 4 s deadline (seen 2 times in 5 at load ~22): a test of the drops' hand-off alone uses this.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> WithoutBackgroundWork = new Dictionary<string, string>
    {
        ["Projections__Enabled"] = "false",
        ["Receipts__SealOnMint"] = "false",
    };

    private readonly List<Silo> _silos = [];
    private readonly List<ServiceProcess> _gateways = [];
    private readonly Dictionary<string, string> _environment;
    private IHost? _client;

    private ProcessCluster(string connection, string schema, string clusterId, IReadOnlyDictionary<string, string>? environment, bool fastFailover)
    {
        Connection = connection;
        Schema = schema;
        _environment = new Dictionary<string, string>(fastFailover ? FastFailover : new Dictionary<string, string>())
        {
            ["Journal__Schema"] = schema,
            // These tests drive many claims from one address; abuse limits have tests of their own.
            ["Gateway__Limits__Enabled"] = "false",
            ["Orleans__ClusterId"] = clusterId,
            ["ConnectionStrings__Postgres"] = connection,
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Receipts__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
            ["Claims__SecretKey"] = Convert.ToBase64String(new byte[32]),
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) _environment[key] = value;
    }

    public string Connection { get; }
    public string Schema { get; }

    /// <summary>An operator key in this cluster's schema; <see cref="StartGateway"/>'s client sends it.</summary>
    public string OperatorKey { get; private set; } = "";
    public IReadOnlyList<Silo> Silos => _silos;

    /// <summary>Starts <paramref name="silos"/> silos (the first alone, so it creates the schema) and no gateway.</summary>
    /// <param name="fastFailover">False: the silos run the product's default membership timings (MembershipTimings).</param>
    public static async Task<ProcessCluster> Start(int silos, string? clusterId = null, string? schema = null, IReadOnlyDictionary<string, string>? environment = null, bool fastFailover = true)
    {
        var cluster = new ProcessCluster(await TestPostgres.ConnectionString, schema ?? TestPostgres.NewSchema(), clusterId ?? "test", environment, fastFailover);
        await cluster.StartSilo();
        cluster.OperatorKey = await OperatorKeys.Create(cluster.Connection, cluster.Schema);
        await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(_ => cluster.StartSilo()));
        return cluster;
    }

    public async Task<Silo> StartSilo()
    {
        var silo = new Silo($"silo-{_silos.Count + 1}", FreePort.Next(), FreePort.Next(), FreePort.Next());
        lock (_silos) _silos.Add(silo);
        silo.Process = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["run", "--connection-string", Connection, "--urls", silo.Url, "--silo-port", silo.SiloPort.ToString(), "--gateway-port", silo.ClientPort.ToString()],
            _environment);
        await silo.Process.WaitUntilReady($"{silo.Url}/health/ready", StartTimeout);
        return silo;
    }

    /// <summary>A gateway process that knows only the database: it finds the silos in the membership table.</summary>
    public async Task<HttpClient> StartGateway()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var gateway = ServiceProcess.Start("MicroEvents.Gateway.dll", ["--urls", url], _environment);
        _gateways.Add(gateway);
        await gateway.WaitUntilReady($"{url}/health/ready", StartTimeout);
        return new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) }.Authorized(OperatorKey);
    }

    /// <summary>The addresses the silos advertise in the membership table.</summary>
    public async Task<List<string>> AdvertisedAddresses()
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT address FROM \"{Schema}\".orleansmembershiptable WHERE status = 3", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var addresses = new List<string>();
        while (await reader.ReadAsync()) addresses.Add(reader.GetString(0));
        return addresses;
    }

    /// <summary>Orleans' membership status of a silo (3 active, 6 dead), from the table, by its silo port.</summary>
    public async Task<int?> Status(Silo silo)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT status FROM \"{Schema}\".orleansmembershiptable WHERE port = @port ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("port", silo.SiloPort);
        return await command.ExecuteScalarAsync() as int?;
    }

    /// <summary>Waits (bounded) until the membership table says <paramref name="silo"/> has <paramref name="status"/>.</summary>
    public Task WaitForStatus(Silo silo, int status, TimeSpan timeout) =>
        Eventually.True(async () => await Status(silo) == status, timeout, $"{silo.Name} never reached membership status {status}");

    /// <summary>Which silo (by silo port) hosts each drop's activation now, from Orleans' own directory.</summary>
    public async Task<Dictionary<string, int>> Placement(IEnumerable<string> drops)
    {
        _client ??= await StartClient();
        var management = _client.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var placement = new Dictionary<string, int>();
        foreach (var drop in drops)
        {
            var address = await management.GetActivationAddress(_client.Services.GetRequiredService<IGrainFactory>().GetGrain<IDropGrain>(drop));
            if (address is not null) placement[drop] = address.Endpoint.Port;
        }
        return placement;
    }

    private async Task<IHost> StartClient()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(_environment.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":"), (string?)kv.Value)));
        builder.UseOrleansClient(client => client.UseClusterOf(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public string Output() => string.Join("\n", _silos.Select(s => $"--- {s.Name}\n{s.Process?.Output}").Concat(_gateways.Select(g => $"--- gateway\n{g.Output}")));

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) { await _client.StopAsync(); _client.Dispose(); }
        foreach (var g in _gateways) await g.DisposeAsync();
        foreach (var s in _silos) if (s.Process is not null) await s.Process.DisposeAsync();
        await TestPostgres.DropSchema(Schema);
    }

    public sealed class Silo(string name, int http, int siloPort, int clientPort)
    {
        public string Name { get; } = name;
        public string Url { get; } = $"http://127.0.0.1:{http}";
        public int SiloPort { get; } = siloPort;
        public int ClientPort { get; } = clientPort;
        public ServiceProcess? Process { get; set; }
    }
}
