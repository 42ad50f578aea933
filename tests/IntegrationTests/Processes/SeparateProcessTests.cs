using System.Net;
using System.Net.Http.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Ports;

namespace MicroEvents.IntegrationTests.Processes;

/// <summary>
/// The production shape: a silo process (with its co-hosted gateway) and a separate gateway process
/// that is only an Orleans client, both on a real PostgreSQL.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class SeparateProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _schema = TestPostgres.NewSchema();
    private readonly int _siloPort = FreePort.Next(), _clientPort = FreePort.Next();
    private readonly int _siloHttp = FreePort.Next(), _gatewayHttp = FreePort.Next();
    private string _connection = "";

    public async Task InitializeAsync() => _connection = await TestPostgres.ConnectionString;

    public Task DisposeAsync() => TestPostgres.DropSchema(_schema);

    [Fact]
    public async Task a_separate_gateway_process_serves_claims_from_a_silo_process_and_state_survives_a_killed_silo()
    {
        var key = await CreateKey("operator", "process test");
        var silo = StartSilo();
        await using (silo)
        {
            await silo.WaitUntilReady($"http://127.0.0.1:{_siloHttp}/health/ready", StartTimeout);
            await using var gateway = ServiceProcess.Start("MicroEvents.Gateway.dll", ["--urls", $"http://127.0.0.1:{_gatewayHttp}"],
                new Dictionary<string, string> { ["Orleans__GatewayPort"] = _clientPort.ToString() });
            await gateway.WaitUntilReady($"http://127.0.0.1:{_gatewayHttp}/health/ready", StartTimeout);

            using var viaGateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_gatewayHttp}") };
            viaGateway.DefaultRequestHeaders.Authorization = new("Bearer", key);
            (await viaGateway.PostAsJsonAsync("/drops", Samples.Drop("proc-drop", supply: 100), GatewayServer.Json)).StatusCode.Should().Be(HttpStatusCode.Created);
            (await viaGateway.PostAsync("/drops/proc-drop/open", null)).EnsureSuccessStatusCode();
            for (var i = 0; i < 5; i++)
                (await viaGateway.PostAsJsonAsync("/drops/proc-drop/claims", new { claimId = $"p{i}", wallet = Samples.Wallet(i) })).StatusCode.Should().Be(HttpStatusCode.Created);

            silo.Kill();
        }

        // A hard kill loses nothing that was acknowledged: the stream is the truth.
        await using var restarted = StartSilo();
        await restarted.WaitUntilReady($"http://127.0.0.1:{_siloHttp}/health/ready", StartTimeout);
        using var viaSilo = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_siloHttp}") };
        var summary = await viaSilo.GetFromJsonAsync<DropSummary>("/drops/proc-drop", GatewayServer.Json);
        summary!.Minted.Should().Be(5);
        var next = await viaSilo.PostAsJsonAsync("/drops/proc-drop/claims", new { claimId = "after-kill", wallet = Samples.Wallet(77) });
        (await next.Read<ClaimReceipt>()).TokenNumber.Should().Be(6);

        (await restarted.Interrupt(TimeSpan.FromSeconds(30))).Should().Be(0, "Ctrl-C stops the silo cleanly");
    }

    [Fact]
    public async Task keys_are_created_listed_and_revoked_from_the_command_line_and_revocation_locks_the_key_out()
    {
        var key = await CreateKey("analyst", "dashboards");
        var silo = StartSilo();
        await using (silo)
        {
            await silo.WaitUntilReady($"http://127.0.0.1:{_siloHttp}/health/ready", StartTimeout);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_siloHttp}") };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            (await http.GetAsync("/drops/no-such-drop/events")).StatusCode.Should().Be(HttpStatusCode.NotFound, "an analyst may read streams");
            (await http.PostAsync("/drops/no-such-drop/close", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an analyst may not close drops");

            var list = await Cli(["keys", "list"]);
            var line = list.Split('\n').Single(l => l.Contains("dashboards"));
            line.Should().Contain("analyst").And.Contain("live");
            list.Should().NotContain(key, "keys are shown once, at creation");
            var id = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

            (await Cli(["keys", "revoke", id])).Should().Contain($"Revoked key {id}");
            // A gateway trusts a key it verified for 5 s (Gateway:Auth:CallerCache:Seconds), so no longer than that.
            var revokedAt = System.Diagnostics.Stopwatch.StartNew();
            await Eventually.True(async () => (await http.GetAsync("/drops/no-such-drop/events")).StatusCode == HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(10), "a revoked key stops working");
            revokedAt.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(6), "a revocation bites within the gateway's 5 s cache");
            (await Cli(["keys", "list"])).Split('\n').Single(l => l.Contains("dashboards")).Should().Contain("revoked");
            silo.Output.Should().NotContain(key);
        }
    }

    [Fact]
    public async Task migrate_creates_the_schema_and_is_safe_to_run_again()
    {
        for (var run = 0; run < 2; run++)
        {
            await using var migrate = ServiceProcess.Start("MicroEvents.Silo.dll", ["migrate", "--connection-string", _connection],
                new Dictionary<string, string> { ["Journal__Schema"] = _schema });
            (await migrate.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(0, migrate.Output);
        }

        await using var db = new Npgsql.NpgsqlConnection(_connection);
        await db.OpenAsync();
        await using var tables = new Npgsql.NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema = @s and table_name in ('mt_events', 'mt_streams', 'mt_doc_actorsnapshot')", db);
        tables.Parameters.AddWithValue("s", _schema);
        ((long)(await tables.ExecuteScalarAsync())!).Should().Be(3);
        await using var orleans = new Npgsql.NpgsqlCommand($"select count(*) from \"{_schema}\".orleans_schema_version", db);
        ((long)(await orleans.ExecuteScalarAsync())!).Should().Be(MicroEvents.Silo.Clustering.OrleansSchema.Latest, "migrate applies the Orleans schema too, each version once");
    }

    private async Task<string> CreateKey(string role, string label)
    {
        var output = await Cli(["keys", "create", "--role", role, "--label", label]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(l => l.StartsWith("mev_"));
    }

    private async Task<string> Cli(string[] args)
    {
        await using var cli = ServiceProcess.Start("MicroEvents.Silo.dll", [.. args, "--connection-string", _connection],
            new Dictionary<string, string> { ["Journal__Schema"] = _schema });
        (await cli.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(0, cli.Output);
        return cli.Output;
    }

    private ServiceProcess StartSilo() => ServiceProcess.Start("MicroEvents.Silo.dll",
        ["run", "--connection-string", _connection, "--urls", $"http://127.0.0.1:{_siloHttp}",
         "--silo-port", _siloPort.ToString(), "--gateway-port", _clientPort.ToString()],
        new Dictionary<string, string> { ["Journal__Schema"] = _schema, ["Receipts__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]), ["Claims__SecretKey"] = Convert.ToBase64String(new byte[32]) });
}
