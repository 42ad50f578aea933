using MicroEvents.LocalStandIns.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>
/// The fault scenario's own PostgreSQL: a project-owned server in a data directory no other run uses
/// (stopping a shared server would break them), with a fresh <c>fault_&lt;timestamp&gt;</c> database.
/// The server is stopped and the database dropped at the end, whoever started the server.
/// </summary>
public sealed class FaultDatabase : IAsyncDisposable
{
    private readonly LocalPostgres _server;
    private readonly bool _keep;

    private FaultDatabase(LocalPostgres server, string name, bool keep)
    {
        _server = server;
        Name = name;
        _keep = keep;
        ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public string Server => $"127.0.0.1:{_server.Port}/{Name} (data {_server.DataDirectory})";

    public static async Task<FaultDatabase> Open(string dataDirectory, string runTag, bool keep, ILogger log, CancellationToken ct)
    {
        var server = await LocalPostgres.StartAsync(dataDirectory, log, ct);
        try
        {
            var name = $"fault_{runTag}";
            await server.CreateDatabaseAsync(name, ct);
            return new FaultDatabase(server, name, keep);
        }
        catch
        {
            await StopServer(server);
            throw;
        }
    }

    /// <summary>A PostgreSQL outage: fast shutdown, every session cut; the data stays.</summary>
    public Task Stop(CancellationToken ct) => _server.StopServerAsync(ct);

    /// <summary>Back on the same port, so clients reconnect without being told anything.</summary>
    public Task StartAgain(CancellationToken ct) => _server.StartServerAgainAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_keep)
            {
                NpgsqlConnection.ClearAllPools();
                await using var conn = new NpgsqlConnection(_server.ConnectionString);
                await conn.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
                await drop.ExecuteNonQueryAsync();
            }
        }
        catch (Exception e)
        {
            Progress.Line($"Could not drop database {Name}: {e.Message}");
        }
        finally
        {
            await StopServer(_server);
        }
    }

    // Not DisposeAsync: it leaves a server running that it merely reused or that others are connected to,
    // and this data directory is the fault scenario's alone.
    private static async Task StopServer(LocalPostgres server)
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await server.StopServerAsync();
        }
        catch (Exception e)
        {
            Progress.Line($"Could not stop PostgreSQL on {server.DataDirectory}: {e.Message}");
        }
    }
}
