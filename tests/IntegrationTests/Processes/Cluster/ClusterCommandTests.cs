using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Ports;
using Npgsql;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>The <c>cluster</c> verb: silo and gateway processes that find each other, the URLs it prints, Ctrl-C stopping all.</summary>
[Collection(ProcessClusterCollection.Name)]
[Trait(Category.Name, Category.Slow)]
public partial class ClusterCommandTests : IAsyncLifetime
{
    private readonly string _schema = TestPostgres.NewSchema();
    private string _connection = "";

    public async Task InitializeAsync() => _connection = await TestPostgres.ConnectionString;

    public Task DisposeAsync() => TestPostgres.DropSchema(_schema);

    [Fact]
    public async Task cluster_starts_silos_and_gateways_that_serve_claims_restarts_a_killed_member_and_ctrl_c_stops_them_all()
    {
        var folder = Directory.CreateTempSubdirectory("microevents-verb-").FullName;
        var secrets = Path.Combine(folder, "secrets.env");
        MicroEvents.Gateway.Secrets.SecretsFile.Ensure(secrets);
        // Its own data folder: the control socket (cluster restart) lives beside it.
        var environment = new Dictionary<string, string>
        {
            ["Journal__Schema"] = _schema, ["Orleans__ClusterId"] = "verb", ["Gateway__Limits__Enabled"] = "false",
            ["LocalPostgres__DataDirectory"] = Path.Combine(folder, "pgdata"),
        };
        await using var cluster = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["cluster", "--silos", "2", "--gateways", "1", "--connection-string", _connection, "--secrets", secrets, "--http-port", FreePort.Next().ToString(),
             "--silo-port", FreePort.Next().ToString(), "--gateway-port", FreePort.Next().ToString()],
            environment);

        // Generous: three processes starting at once on a 2-core machine shared with other test runs.
        try
        {
            await Eventually.True(() => Task.FromResult(Member().Matches(cluster.Output).Count == 3 || cluster.HasExited), TimeSpan.FromSeconds(360), "the cluster did not come up");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}:\n{cluster.Output}");
        }
        var members = Member().Matches(cluster.Output).ToDictionary(m => m.Groups["name"].Value, m => (Url: m.Groups["url"].Value, Pid: int.Parse(m.Groups["pid"].Value)));
        members.Keys.Should().BeEquivalentTo(["gateway-1", "silo-1", "silo-2"], cluster.Output);
        cluster.Output.Should().Contain("[silo-2] ", "each member's log lines carry its name");

        using var http = new HttpClient { BaseAddress = new Uri(members["gateway-1"].Url) }.Authorized(await OperatorKeys.Create(_connection, _schema));
        (await http.PostJson("/drops", Samples.Drop("verb-drop", supply: 10))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await http.PostAsync("/drops/verb-drop/open", null)).EnsureSuccessStatusCode();
        (await http.PostJson("/drops/verb-drop/claims", new { claimId = "c1", wallet = Samples.Wallet(1) })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await ActiveSilos()).Should().Be(2);

        // kill -9 of a member, then `cluster restart` from another process: same URL, same secrets, serving again.
        using (var victim = Process.GetProcessById(members["silo-2"].Pid)) victim.Kill();
        await using (var restart = ServiceProcess.Start("MicroEvents.Silo.dll", ["cluster", "restart", "silo-2"], environment))
        {
            (await restart.WaitForExit(TimeSpan.FromSeconds(200))).Should().Be(0, restart.Output + cluster.Output);
            restart.Output.Should().Contain($"restarted silo-2 at {members["silo-2"].Url}");
            var pid = int.Parse(Regex.Match(restart.Output, @"\(pid (\d+)\)").Groups[1].Value);
            members["silo-2 (restarted)"] = (members["silo-2"].Url, pid);
        }
        using var viaRestarted = new HttpClient { BaseAddress = new Uri(members["silo-2"].Url) }.Authorized(await OperatorKeys.Create(_connection, _schema));
        (await viaRestarted.PostJson("/drops/verb-drop/claims", new { claimId = "c2", wallet = Samples.Wallet(2) })).StatusCode.Should().Be(HttpStatusCode.Created, cluster.Output);
        await Eventually.True(async () => await ActiveSilos() == 2, TimeSpan.FromSeconds(60), "the restarted silo rejoins");

        (await cluster.Interrupt(TimeSpan.FromSeconds(120))).Should().Be(0, cluster.Output);
        members.Values.Should().OnlyContain(m => !Running(m.Pid), "Ctrl-C stops every process the cluster started");
        Directory.Delete(folder, recursive: true);
        (await ActiveSilos()).Should().Be(0, "stopped silos leave the membership table");
    }

    [Fact]
    public async Task cluster_refuses_to_start_more_silos_than_the_servers_max_connections_can_hold_naming_the_numbers()
    {
        var folder = Directory.CreateTempSubdirectory("microevents-verb-").FullName;
        var secrets = Path.Combine(folder, "secrets.env");
        MicroEvents.Gateway.Secrets.SecretsFile.Ensure(secrets);
        await using var cluster = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["cluster", "--silos", "60", "--gateways", "2", "--connection-string", _connection, "--secrets", secrets],
            new Dictionary<string, string> { ["Journal__Schema"] = _schema, ["Orleans__ClusterId"] = "too-big" });
        (await cluster.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(1, cluster.Output);
        cluster.Output.Should().Contain("60 silo(s) × (journal pool 38 + journal commits 2 + Orleans pool 10) + 2 gateway(s) × 5 + 30 for admin and CLI = 3040 connections")
            .And.Contain("max_connections").And.NotContain("[silo-1]");
        Directory.Delete(folder, recursive: true);
    }

    private async Task<long> ActiveSilos()
    {
        await using var db = new NpgsqlConnection(_connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{_schema}\".orleansmembershiptable WHERE status = 3 AND deploymentid = 'verb'", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A member line the verb prints once the cluster is up: name, URL, pid.</summary>
    [GeneratedRegex(@"^\s+(?<name>(gateway|silo)-\d+)\s+(?<url>http://\S+)\s+\(API docs \S+, pid (?<pid>\d+)\)", RegexOptions.Multiline)]
    internal static partial Regex Member();
}
