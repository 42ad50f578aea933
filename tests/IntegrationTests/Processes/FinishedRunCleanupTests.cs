using System.Diagnostics;
using System.Text;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Processes;

/// <summary>
/// A finished <c>dotnet test</c> leaves no PostgreSQL behind. The run stops its server in the test host's
/// <c>ProcessExit</c>, and vstest kills the host (SIGKILL) 100 ms after the last test, in the middle of that
/// stop. Here a child <c>dotnet test</c> runs one test of this assembly on a server of its own, with the stop
/// slowed down so the kill surely lands in it; once the child run has ended, its server must be gone.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public sealed class FinishedRunCleanupTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"microevents-childrun-{Guid.NewGuid():N}");
    private readonly string _results = Path.Combine(Path.GetTempPath(), $"microevents-childrun-results-{Guid.NewGuid():N}");

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_finished_test_run_leaves_no_postgresql_running_even_when_vstest_kills_its_host_during_the_clean_up()
    {
        var (exit, output) = await ChildRun($"FullyQualifiedName={typeof(FinishedRunCleanupTests).FullName}.{nameof(the_runs_postgresql_answers)}");

        exit.Should().Be(0, output);
        output.Should().MatchRegex(@"Passed:\s+1\b", "the child ran its one test:\n{0}", output);
        File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")).Should().BeTrue("the child run started its own server there");
        await Eventually.True(() => Task.FromResult(PostgresOn(_dataDirectory).Count == 0), TimeSpan.FromSeconds(30),
            "the child run's PostgreSQL stops once the run has ended (by the run, or by its watcher when vstest cut the run short)");
        await Eventually.True(() => Task.FromResult(RecordsNaming(_dataDirectory).Count == 0), TimeSpan.FromSeconds(10),
            "nothing of the child run is left on record");
    }

    /// <summary>What the child run runs: any test that needs the run's PostgreSQL (here, this assembly's own).</summary>
    [Fact]
    public async Task the_runs_postgresql_answers()
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("select 1", connection);
        (await select.ExecuteScalarAsync()).Should().Be(1);
    }

    private async Task<(int Exit, string Output)> ChildRun(string filter)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { "test", typeof(FinishedRunCleanupTests).Assembly.Location, "--filter", filter, "--results-directory", _results, "--nologo" })
            info.ArgumentList.Add(arg);
        info.Environment.Remove("ConnectionStrings__Postgres"); // the child must start a server of its own
        info.Environment[TestPostgres.DataDirectoryVariable] = _dataDirectory;
        info.Environment[OwnedProcesses.PauseVariable] = "5000";
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The child test run did not end within 4 minutes:\n{output}");
        }
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>PostgreSQL server processes started on <paramref name="dataDirectory"/> (pg_ctl passes it as <c>-D</c>).</summary>
    private static List<int> PostgresOn(string dataDirectory)
    {
        var found = new List<int>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out var pid)) continue;
            try
            {
                var args = File.ReadAllText(Path.Combine(proc, "cmdline")).Split('\0');
                if (Path.GetFileName(args[0]) == "postgres" && args.Contains(dataDirectory) && OwnedProcesses.StartTime(pid) is not null) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }

    private static List<string> RecordsNaming(string dataDirectory) =>
        Directory.Exists(OwnedProcesses.Folder)
            ? Directory.EnumerateFiles(OwnedProcesses.Folder, "*.owned").Where(f => OwnedRecord.Read(f)?.SharedKey == dataDirectory).ToList()
            : [];

    public async Task DisposeAsync()
    {
        // A failed run's server is stopped here, so the failure stays one test's.
        if (PostgresOn(_dataDirectory).Count > 0)
        {
            var leftover = await LocalPostgres.StartAsync(_dataDirectory);
            await leftover.StopServerAsync();
        }
        foreach (var record in RecordsNaming(_dataDirectory)) File.Delete(record);
        foreach (var dir in new[] { _dataDirectory, _results })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
