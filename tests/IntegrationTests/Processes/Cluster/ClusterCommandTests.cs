using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MicroEvents.IntegrationTests.Infrastructure;
using Npgsql;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>The <c>cluster</c> verb: silo and gateway processes that find each other, the URLs it prints, Ctrl-C stopping all.</summary>
[Collection(ProcessClusterCollection.Name)]
public partial class ClusterCommandTests : IAsyncLifetime
{
    private readonly string _schema = TestPostgres.NewSchema();
    private string _connection = "";

    public async Task InitializeAsync() => _connection = await TestPostgres.ConnectionString;

    public Task DisposeAsync() => TestPostgres.DropSchema(_schema);

    [Fact]
    public async Task cluster_starts_silos_and_gateways_that_serve_claims_and_ctrl_c_stops_them_all()
    {
        await using var cluster = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["cluster", "--silos", "2", "--gateways", "1", "--connection-string", _connection, "--http-port", ServiceProcess.FreePort().ToString(),
             "--silo-port", ServiceProcess.FreePort().ToString(), "--gateway-port", ServiceProcess.FreePort().ToString()],
            new Dictionary<string, string> { ["Journal__Schema"] = _schema, ["Orleans__ClusterId"] = "verb", ["Receipts__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]) });

        await Eventually.True(() => Task.FromResult(Member().Matches(cluster.Output).Count == 3 || cluster.HasExited), TimeSpan.FromSeconds(180), "the cluster did not come up");
        var members = Member().Matches(cluster.Output).ToDictionary(m => m.Groups["name"].Value, m => (Url: m.Groups["url"].Value, Pid: int.Parse(m.Groups["pid"].Value)));
        members.Keys.Should().BeEquivalentTo(["gateway-1", "silo-1", "silo-2"], cluster.Output);
        cluster.Output.Should().Contain("[silo-2] ", "each member's log lines carry its name");

        using var http = new HttpClient { BaseAddress = new Uri(members["gateway-1"].Url) };
        (await http.PostJson("/drops", Samples.Drop("verb-drop", supply: 10))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await http.PostAsync("/drops/verb-drop/open", null)).EnsureSuccessStatusCode();
        (await http.PostJson("/drops/verb-drop/claims", new { claimId = "c1", wallet = Samples.Wallet(1) })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await ActiveSilos()).Should().Be(2);

        (await cluster.Interrupt(TimeSpan.FromSeconds(120))).Should().Be(0, cluster.Output);
        members.Values.Should().OnlyContain(m => !Running(m.Pid), "Ctrl-C stops every process the cluster started");
        (await ActiveSilos()).Should().Be(0, "stopped silos leave the membership table");
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

    [GeneratedRegex(@"^\s+(?<name>(gateway|silo)-\d+)\s+(?<url>http://\S+)\s+\(API docs \S+, pid (?<pid>\d+)\)", RegexOptions.Multiline)]
    private static partial Regex Member();
}
