using System.Text.RegularExpressions;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Silo.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Processes.Database;

/// <summary>
/// A silo process started as an operator would, <c>run --standby</c>, on a data folder of its own: it starts a
/// local primary and its synchronous standby. The test owns both servers, so they stop even if the run dies.
/// </summary>
public sealed partial class StandbySilo : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"microevents-standby-{Guid.NewGuid():N}");
    private readonly List<OwnedProcess> _servers = [];

    public StandbySilo()
    {
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
    public string Url { get; } = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
    public ServiceProcess? Process { get; private set; }
    public string OperatorKey { get; private set; } = "";

    public async Task<HttpClient> Start()
    {
        Process = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["run", "--standby", "--urls", Url, "--silo-port", ServiceProcess.FreePort().ToString(), "--gateway-port", ServiceProcess.FreePort().ToString()],
            Environment);
        await Process.WaitUntilReady($"{Url}/health/ready", StartTimeout);
        foreach (var dir in new[] { PrimaryDirectory, StandbyDirectory })
            _servers.Add(OwnedProcesses.Own(TestPostgres.ServerProcessId(dir)!.Value, $"PostgreSQL on {dir}", "INT"));
        // The one-command run prints the development operator key on its first start.
        OperatorKey = DevelopmentKey().Match(Process.Output).Value;
        OperatorKey.Should().NotBeEmpty("the first start prints the development operator key");
        return new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) }.Authorized(OperatorKey);
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

    /// <summary>A connection to whichever of the two servers accepts writes now.</summary>
    public string Connection() => new NpgsqlConnectionStringBuilder
    {
        Host = $"127.0.0.1:{Server(PrimaryDirectory).Port},127.0.0.1:{Server(StandbyDirectory).Port}",
        Username = "postgres",
        Password = PasswordAuth.Read(PrimaryDirectory),
        Database = "postgres",
        TargetSessionAttributes = "read-write",
        Pooling = false,
    }.ConnectionString;

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
