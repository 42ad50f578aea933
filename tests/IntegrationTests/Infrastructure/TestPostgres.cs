using MicroEvents.Silo.Hosting;
using MicroEvents.Silo.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL for the whole test run: the one in <c>ConnectionStrings__Postgres</c> if set,
/// else a project-owned local cluster under <c>.pgdata/test</c>. Each fixture gets its own schema.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<string>> Server = new(Start);
    private static LocalPostgres? _local;

    public static Task<string> ConnectionString => Server.Value;

    private static async Task<string> Start()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var dir = Path.Combine(Path.GetDirectoryName(Storage.DefaultDataDirectory())!, "test");
        _local = await LocalPostgres.StartAsync(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => _local.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return _local.ConnectionString;
    }

    /// <summary>A fresh schema name; tests in parallel never see each other's tables.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..12];

    public static async Task DropSchema(string schema, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? await ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
