using MicroEvents.Silo.Hosting;
using MicroEvents.LocalStandIns.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL for the whole test run: the one in <c>ConnectionStrings__Postgres</c> if set,
/// else a project-owned local cluster under <c>.pgdata/test</c>. Each fixture gets its own schema.
/// The run owns the local server (<see cref="OwnedProcesses"/>): it is stopped when the run ends, by the
/// run or, if the run is killed, by its watcher; and a run first stops what dead runs left behind.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<string>> Server = new(Start);

    public static Task<string> ConnectionString => Server.Value;

    private static async Task<string> Start()
    {
        foreach (var leftover in OwnedProcesses.StopLeftovers())
            Console.Error.WriteLine($"Stopped a leftover of an earlier test run: {leftover}");

        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var dir = Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } chosen
            ? chosen
            : Path.Combine(Path.GetDirectoryName(Storage.DefaultDataDirectory())!, "test");
        var local = await LocalPostgres.StartAsync(dir);
        // Owned whether this run started it or reuses it from a concurrent run of the same clone: the last live owner stops it.
        // The stop in ProcessExit may be cut short (vstest kills the host 100 ms after the last test); then the watcher finishes it.
        var owned = Own(local);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => owned?.Stop();
        return local.ConnectionString;
    }

    /// <summary>Another data folder for the run's server than <c>.pgdata/test</c>: the clean-up test's child run uses its own.</summary>
    public const string DataDirectoryVariable = "MICROEVENTS_TEST_PGDATA";

    /// <summary>Records this run as an owner of <paramref name="server"/>; null when its server process is not found.</summary>
    public static OwnedProcess? Own(LocalPostgres server) =>
        ServerProcessId(server.DataDirectory) is { } pid
            ? OwnedProcesses.Own(pid, $"PostgreSQL on {server.DataDirectory} (port {server.Port})", "INT", sharedKey: server.DataDirectory)
            : null;

    /// <summary>The postmaster's pid, the first line of <c>postmaster.pid</c> in its data folder.</summary>
    public static int? ServerProcessId(string dataDirectory)
    {
        try { return int.TryParse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault(), out var pid) ? pid : null; }
        catch (IOException) { return null; }
    }

    /// <summary>A fresh schema name; tests in parallel never see each other's tables.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Runs SQL on the shared test server (one or more statements), as a test's setup or its look at the rows.</summary>
    public static async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(await ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row <paramref name="sql"/> returns on the shared test server.</summary>
    public static async Task<object?> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(await ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static async Task DropSchema(string schema, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? await ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
