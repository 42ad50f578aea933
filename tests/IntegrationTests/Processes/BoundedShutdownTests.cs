using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Ports;
using MicroEvents.LocalStandIns.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Processes;

/// <summary>
/// The one-command system stops within 30 s of SIGTERM even while an actor is stuck on storage, and
/// stops the PostgreSQL it started: nothing is left running.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class BoundedShutdownTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"microevents-shutdown-{Guid.NewGuid():N}");
    private readonly int _http = FreePort.Next(), _siloPort = FreePort.Next(), _clientPort = FreePort.Next();
    private OwnedProcess? _siloServer;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task sigterm_with_an_actor_stuck_on_storage_stops_the_silo_and_its_postgresql_within_30_s()
    {
        await using var silo = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["run", "--urls", $"http://127.0.0.1:{_http}", "--silo-port", _siloPort.ToString(), "--gateway-port", _clientPort.ToString()],
            new Dictionary<string, string> { ["LocalPostgres__DataDirectory"] = _dataDirectory });
        await silo.WaitUntilReady($"http://127.0.0.1:{_http}/health/ready", TimeSpan.FromSeconds(120));
        // The silo's own server is the run's too: pg_ctl gives it a session of its own, so a run killed with its process
        // group (the silo included) left it running with no record for the watcher or the next run's sweep.
        _siloServer = OwnedProcesses.Own(TestPostgres.ServerProcessId(_dataDirectory)!.Value, $"PostgreSQL of a silo on {_dataDirectory}", "INT");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_http}") };
        // The first start on an empty database prints a development operator key.
        var key = System.Text.RegularExpressions.Regex.Match(silo.Output, @"Authorization: Bearer (mev_\S+)").Groups[1].Value;
        key.Should().NotBeEmpty(silo.Output);
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        (await http.PostAsJsonAsync("/drops", Samples.Drop("stuck-drop"), GatewayServer.Json)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await http.PostAsync("/drops/stuck-drop/open", null)).EnsureSuccessStatusCode();

        // The silo's own PostgreSQL; a lock taken under the silo's application name (so the silo's clean-up
        // does not wait for it) holds the next append inside PostgreSQL: the drop is stuck on storage.
        var server = await LocalPostgres.StartAsync(_dataDirectory);
        server.StartedByUs.Should().BeFalse();
        await using var blocker = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { ApplicationName = $"microevents-{silo.ProcessId}" }.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("lock table microevents.mt_streams in exclusive mode", blocker, hold))
            await lockTable.ExecuteNonQueryAsync();
        var stuck = http.PostAsJsonAsync("/drops/stuck-drop/claims", new { claimId = "stuck", wallet = Samples.Wallet(1) });
        await Task.WhenAny(stuck, Task.Delay(500));

        var stopping = Stopwatch.StartNew();
        silo.Terminate();
        var exit = await silo.WaitForExit(TimeSpan.FromSeconds(40));
        stopping.Stop();

        stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), silo.Output);
        exit.Should().Be(0, silo.Output);
        File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")).Should().BeFalse("the PostgreSQL the silo started is stopped with it:\n" + silo.Output);
    }

    public async Task DisposeAsync()
    {
        // If the test failed with the server still up, stop it so nothing outlives the run.
        if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            var leftover = await LocalPostgres.StartAsync(_dataDirectory);
            await leftover.StopServerAsync();
        }
        _siloServer?.Release();
        foreach (var dir in new[] { _dataDirectory, _dataDirectory + "-anvil" })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
