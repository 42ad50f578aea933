using System.Net;
using System.Text.RegularExpressions;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.IntegrationTests.Processes.Database;
using MicroEvents.LocalStandIns.Ports;
using MicroEvents.LocalStandIns.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>
/// <c>cluster --standby</c> as an operator runs it on a laptop: the local PostgreSQL with a synchronous streaming
/// standby, a silo and a gateway on it. The standby confirms every commit (pg_stat_replication says 'sync'), and a
/// claim acknowledged through the gateway is on the standby; Ctrl-C stops the members and both servers.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
[Trait(Category.Name, Category.Slow)]
public sealed partial class ClusterStandbyTests : IDisposable
{
    // initdb, pg_basebackup, two servers, then a silo and a gateway starting together on a loaded 2-core machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(360);
    // Readable by others (not CreateTempSubdirectory's 0700): run as root, the servers run as the postgres user, which
    // must reach the data folders, or the run moves them elsewhere.
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"microevents-standby-{Guid.NewGuid():N}")).FullName;
    private readonly List<OwnedProcess> _servers = [];

    private string Primary => Path.Combine(_folder, "pgdata");
    private string Standby => LocalStandby.StandbyDirectory(Primary);

    [Fact]
    public async Task cluster_with_standby_streams_every_commit_synchronously_and_ctrl_c_stops_members_and_servers()
    {
        var secrets = Path.Combine(_folder, "secrets.env");
        MicroEvents.Gateway.Secrets.SecretsFile.Ensure(secrets);
        var environment = new Dictionary<string, string>
        {
            ["LocalPostgres__DataDirectory"] = Primary, ["Orleans__ClusterId"] = "standby-verb", ["Gateway__Limits__Enabled"] = "false",
        };
        await using var cluster = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["cluster", "--standby", "--silos", "1", "--gateways", "1", "--secrets", secrets, "--http-port", FreePort.Next().ToString(),
             "--silo-port", FreePort.Next().ToString(), "--gateway-port", FreePort.Next().ToString()],
            environment);
        try
        {
            await Eventually.True(() => Task.FromResult(ClusterCommandTests.Member().Matches(cluster.Output).Count == 2 || cluster.HasExited), StartTimeout,
                "the cluster with a standby did not come up");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}:\n{cluster.Output}");
        }
        cluster.HasExited.Should().BeFalse(cluster.Output);
        foreach (var dir in new[] { Primary, Standby })
            _servers.Add(OwnedProcesses.Own(TestPostgres.ServerProcessId(dir)!.Value, $"PostgreSQL on {dir}", "INT"));
        File.Exists(Path.Combine(Standby, "standby.signal")).Should().BeTrue("--standby starts a streaming standby beside the primary");
        (await Replication()).Should().ContainSingle().Which.Should().Be("sync", "a 2xx waits for the standby: it is a synchronous standby");

        var members = ClusterCommandTests.Member().Matches(cluster.Output).ToDictionary(m => m.Groups["name"].Value, m => (Url: m.Groups["url"].Value, Pid: int.Parse(m.Groups["pid"].Value)));
        members.Keys.Should().BeEquivalentTo(["gateway-1", "silo-1"], cluster.Output);
        // The local run prints its development operator key on the first start of a fresh database.
        var key = DevelopmentKey().Match(cluster.Output).Value;
        key.Should().NotBeEmpty(cluster.Output);
        using var http = new HttpClient { BaseAddress = new Uri(members["gateway-1"].Url), Timeout = TimeSpan.FromSeconds(60) }.Authorized(key);
        (await http.PostJson("/drops", Samples.Drop("standby-drop", supply: 10))).StatusCode.Should().Be(HttpStatusCode.Created, cluster.Output);
        (await http.PostAsync("/drops/standby-drop/open", null)).EnsureSuccessStatusCode();
        foreach (var n in Enumerable.Range(1, 3))
            (await http.PostJson("/drops/standby-drop/claims", new { claimId = $"c{n}", wallet = Samples.Wallet(n) })).StatusCode.Should().Be(HttpStatusCode.Created, cluster.Output);

        // The standby has each acknowledged claim (read there alone: hot standby, read-only), with the token it was told.
        await Eventually.True(async () => (await StreamLedger.Mints(Connection(Standby), "microevents")).Count == 3, TimeSpan.FromSeconds(30),
            "the acknowledged claims are on the standby");
        (await StreamLedger.Mints(Connection(Standby), "microevents")).Select(m => (m.ClaimId, m.Token))
            .Should().BeEquivalentTo([("c1", 1L), ("c2", 2L), ("c3", 3L)]);

        (await cluster.Interrupt(TimeSpan.FromSeconds(120))).Should().Be(0, cluster.Output);
        members.Values.Should().NotContain(m => Running(m.Pid), "Ctrl-C stops every member the cluster started");
        foreach (var dir in new[] { Primary, Standby })
            File.Exists(Path.Combine(dir, "postmaster.pid")).Should().BeFalse($"Ctrl-C stops the server on {dir} too");
    }

    /// <summary>The primary's view of its standbys: one sync_state per connected standby.</summary>
    private async Task<List<string>> Replication()
    {
        await using var db = new NpgsqlConnection(Connection(Primary));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT sync_state FROM pg_stat_replication", db);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new List<string>();
        while (await reader.ReadAsync()) states.Add(reader.GetString(0));
        return states;
    }

    /// <summary>One server of the pair, by its data folder (the standby's password is the primary's: it is a copy).</summary>
    private string Connection(string dataDirectory) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = LocalDatabaseSilo.Server(dataDirectory).Port,
        Username = "postgres",
        Password = PasswordAuth.Read(Primary),
        Database = "postgres",
        Pooling = false,
    }.ConnectionString;

    private static bool Running(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        // Servers the run started but the test did not get to own (it failed first) are stopped too.
        foreach (var dir in new[] { Primary, Standby })
            if (TestPostgres.ServerProcessId(dir) is { } pid && _servers.All(s => s.Record.Pid != pid))
                _servers.Add(OwnedProcesses.Own(pid, $"PostgreSQL on {dir}", "INT"));
        foreach (var server in _servers) server.Stop();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex("mev_[A-Za-z0-9_-]{43}")]
    private static partial Regex DevelopmentKey();
}
