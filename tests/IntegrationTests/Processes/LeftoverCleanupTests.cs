using System.Diagnostics;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Postgres;

namespace MicroEvents.IntegrationTests.Processes;

/// <summary>
/// A test run leaves nothing running, even when it is killed: its watcher stops what it started, and the
/// next run stops what a run killed together with its watcher left. Live runs' and unrecorded processes
/// (a developer's own PostgreSQL, another worktree's run) are never touched.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public sealed class LeftoverCleanupTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"microevents-leftover-{Guid.NewGuid():N}");
    private readonly List<Process> _processes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_killed_runs_postgresql_is_stopped_by_its_watcher_and_if_the_watcher_died_too_by_the_next_run()
    {
        // A stand-in for a test host that started a server, then was killed (SIGKILL: none of its clean-up runs).
        var run = Sleeper();
        var server = await LocalPostgres.StartAsync(_dataDirectory);
        var postgres = Server(server);
        OwnedProcesses.Own(postgres.Pid, "PostgreSQL of a killed run", "INT", sharedKey: server.DataDirectory, owner: run.Id);
        Kill(run);
        await Eventually.True(() => Task.FromResult(!OwnedProcesses.IsAlive(postgres.Pid, postgres.Start)), TimeSpan.FromSeconds(30),
            "the run's watcher stops its PostgreSQL once the run is gone");

        // Started again by a run that is killed together with its watcher: the server is orphaned...
        var second = Sleeper();
        server = await LocalPostgres.StartAsync(_dataDirectory);
        server.StartedByUs.Should().BeTrue("the orphan of the first run was stopped, not reused");
        postgres = Server(server);
        OwnedProcesses.Own(postgres.Pid, "PostgreSQL of a run killed with its watcher", "INT", sharedKey: server.DataDirectory, owner: second.Id, watch: false);
        Kill(second);
        OwnedProcesses.IsAlive(postgres.Pid, postgres.Start).Should().BeTrue("nothing has stopped the orphan yet");

        // ...until the next run starts and looks for leftovers.
        var stopped = OwnedProcesses.StopLeftovers();

        stopped.Should().Contain(s => s.Contains($"pid {postgres.Pid}") && s.Contains("killed with its watcher"));
        OwnedProcesses.IsAlive(postgres.Pid, postgres.Start).Should().BeFalse();
        File.Exists(Path.Combine(server.DataDirectory, "postmaster.pid")).Should().BeFalse("it was shut down, not left half-running");
    }

    [Fact]
    public void a_live_runs_processes_a_shared_servers_live_owner_and_unrecorded_processes_are_left_alone()
    {
        var liveRun = Sleeper();
        var ofLiveRun = Sleeper();
        var developers = Sleeper(); // e.g. the PostgreSQL of `dotnet run`: no record, never touched
        var deadRun = Sleeper();
        var ofDeadRun = Sleeper();
        var shared = Sleeper();
        var live = OwnedProcesses.Own(ofLiveRun.Id, "a concurrent run's process", owner: liveRun.Id, watch: false);
        OwnedProcesses.Own(ofDeadRun.Id, "a dead run's process", owner: deadRun.Id, watch: false);
        var key = $"shared-{Guid.NewGuid():N}";
        OwnedProcesses.Own(shared.Id, "a server two runs share", sharedKey: key, owner: deadRun.Id, watch: false);
        var sharer = OwnedProcesses.Own(shared.Id, "a server two runs share", sharedKey: key, owner: liveRun.Id, watch: false);
        Kill(deadRun);

        var stopped = OwnedProcesses.StopLeftovers();

        stopped.Should().ContainSingle(s => s.Contains($"pid {ofDeadRun.Id}"));
        ofDeadRun.WaitForExit(10_000).Should().BeTrue();
        new[] { liveRun, ofLiveRun, developers, shared }.Should().OnlyContain(p => !p.HasExited);
        live.Release();
        sharer.Release();
    }

    private (int Pid, string Start) Server(LocalPostgres server)
    {
        var pid = TestPostgres.ServerProcessId(server.DataDirectory) ?? throw new InvalidOperationException("no postmaster.pid");
        return (pid, OwnedProcesses.StartTime(pid)!);
    }

    private Process Sleeper()
    {
        var process = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        _processes.Add(process);
        return process;
    }

    private static void Kill(Process process)
    {
        process.Kill();
        process.WaitForExit();
    }

    public async Task DisposeAsync()
    {
        foreach (var p in _processes)
        {
            if (!p.HasExited) p.Kill();
            p.Dispose();
        }
        if (TestPostgres.ServerProcessId(_dataDirectory) is not null)
        {
            var leftover = await LocalPostgres.StartAsync(_dataDirectory);
            await leftover.StopServerAsync();
        }
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
