using System.Text.RegularExpressions;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Ports;
using MicroEvents.LocalStandIns.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Processes.Database;

/// <summary>
/// A silo process started as an operator would, <c>run</c> (with <c>--standby</c>: a local primary and its
/// synchronous standby) on a data folder of its own. The test owns the servers, so they stop even if the run dies.
/// </summary>
public sealed partial class LocalDatabaseSilo : IAsyncDisposable
{
    // initdb, pg_basebackup, two servers and a silo: seen taking over 3 minutes on the 2-core machine at load 60-70.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(300);
    private readonly string _root;
    private readonly bool _standby;
    private readonly List<OwnedProcess> _servers = [];

    /// <param name="root">The folder holding the data folder <c>dev</c> (and <c>dev-standby</c>); a new one under /tmp by default, deleted at the end.</param>
    public LocalDatabaseSilo(bool standby, string? root = null)
    {
        _standby = standby;
        _root = root ?? Path.Combine(Path.GetTempPath(), $"microevents-db-{Guid.NewGuid():N}");
        Environment = new Dictionary<string, string>
        {
            ["LocalPostgres__DataDirectory"] = PrimaryDirectory,
            ["Gateway__Limits__Enabled"] = "false",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Receipts__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
            ["Claims__SecretKey"] = Convert.ToBase64String(new byte[32]),
            ["Orleans__ClusterId"] = "standby-test",
        };
    }

    public Dictionary<string, string> Environment { get; }
    public string PrimaryDirectory => Path.Combine(_root, "dev");
    public string StandbyDirectory => LocalStandby.StandbyDirectory(PrimaryDirectory);
    public string Url { get; } = $"http://127.0.0.1:{FreePort.Next()}";
    public ServiceProcess? Process { get; private set; }
    public string OperatorKey { get; private set; } = "";

    public async Task<HttpClient> Start()
    {
        Process = ServiceProcess.Start("MicroEvents.Silo.dll",
            new[] { "run", "--urls", Url, "--silo-port", FreePort.Next().ToString(), "--gateway-port", FreePort.Next().ToString() }
                .Concat(_standby ? ["--standby"] : []),
            Environment);
        await Process.WaitUntilReady($"{Url}/health/ready", StartTimeout);
        foreach (var dir in _standby ? new[] { PrimaryDirectory, StandbyDirectory } : [PrimaryDirectory])
            _servers.Add(OwnedProcesses.Own(TestPostgres.ServerProcessId(dir)!.Value, $"PostgreSQL on {dir}", "INT"));
        // The one-command run prints the development operator key on its first start (a restored database has one already).
        OperatorKey = DevelopmentKey().Match(Process.Output).Value;
        var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };
        return OperatorKey.Length > 0 ? http.Authorized(OperatorKey) : http;
    }

    /// <summary>Runs one CLI verb of the silo with the same settings; its exit code and output.</summary>
    public async Task<(int Exit, string Output)> Verb(params string[] args)
    {
        await using var verb = ServiceProcess.Start("MicroEvents.Silo.dll", args, Environment);
        var exit = await verb.WaitForExit(TimeSpan.FromSeconds(120));
        return (exit, verb.Output);
    }

    /// <summary>The postmaster of <paramref name="dataDirectory"/> and its port, from its postmaster.pid.</summary>
    public static (int Pid, int Port) Server(string dataDirectory)
    {
        var lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
        return (int.Parse(lines[0]), int.Parse(lines[3]));
    }

    /// <summary>A connection to whichever of the servers accepts writes now.</summary>
    public string Connection() => new NpgsqlConnectionStringBuilder
    {
        Host = _standby ? $"127.0.0.1:{Server(PrimaryDirectory).Port},127.0.0.1:{Server(StandbyDirectory).Port}" : $"127.0.0.1:{Server(PrimaryDirectory).Port}",
        Username = "postgres",
        Password = PasswordAuth.Read(PrimaryDirectory),
        Database = "postgres",
        // Npgsql allows a target only with several hosts.
        TargetSessionAttributes = _standby ? "read-write" : null,
        Pooling = false,
    }.ConnectionString;

    /// <summary>Stops the silo as Ctrl-C would; it stops the servers it started.</summary>
    public async Task Stop()
    {
        if (Process is { HasExited: false }) (await Process.Interrupt(TimeSpan.FromSeconds(60))).Should().Be(0, Process.Output);
    }

    public async ValueTask DisposeAsync()
    {
        // SIGINT: the silo stops, then stops the servers it started (a killed one is simply gone).
        if (Process is { HasExited: false }) { try { await Process.Interrupt(TimeSpan.FromSeconds(60)); } catch (OperationCanceledException) { } }
        if (Process is not null) await Process.DisposeAsync();
        foreach (var server in _servers) server.Stop();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex("mev_[A-Za-z0-9_-]{43}")]
    private static partial Regex DevelopmentKey();
}
