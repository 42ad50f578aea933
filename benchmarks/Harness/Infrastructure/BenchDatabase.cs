using MicroEvents.LocalStandIns.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>
/// The PostgreSQL a run writes to. In-process runs get a fresh <c>bench_&lt;timestamp&gt;</c> database
/// (on the local project-owned server unless a connection string is given), dropped at the end so
/// runs never interfere; <c>--cluster</c> runs use the cluster's own database as it is.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly LocalPostgres? _local;
    private readonly string? _adminConnectionString;
    private readonly bool _keep;

    private BenchDatabase(string connectionString, string? createdDatabase, string? adminConnectionString, LocalPostgres? local, bool keep)
    {
        ConnectionString = connectionString;
        CreatedDatabase = createdDatabase;
        _adminConnectionString = adminConnectionString;
        _local = local;
        _keep = keep;
    }

    public string ConnectionString { get; }

    /// <summary>The database this run created, or null when it uses a cluster's.</summary>
    public string? CreatedDatabase { get; }

    public string Server => new NpgsqlConnectionStringBuilder(ConnectionString) is var b ? $"{b.Host}:{b.Port}/{b.Database}" : "";

    public static async Task<BenchDatabase> Open(BenchmarkSettings settings, string runTag, ILogger log, CancellationToken ct)
    {
        if (settings.Cluster)
            return new BenchDatabase(settings.ConnectionString!, null, null, null, keep: true);

        LocalPostgres? local = null;
        var admin = settings.ConnectionString;
        if (string.IsNullOrWhiteSpace(admin))
        {
            local = await LocalPostgres.StartAsync(settings.PostgresDataDirectory, log, ct);
            admin = local.ConnectionString;
            await StatementStatistics.Preload(local, ct);
        }

        var name = $"bench_{runTag}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new BenchDatabase(connectionString, name, admin, local, settings.KeepDatabase);
    }

    /// <summary>
    /// Another fresh database on the same server (<c>bench_&lt;timestamp&gt;_&lt;suffix&gt;</c>), dropped with it (or kept with
    /// <c>--keep-database</c>): a sustained stage runs on its own, so no reader of it starts behind on another stage's
    /// events. Null when this run did not create its database (a cluster's), where nothing else may be created.
    /// </summary>
    public async Task<BenchDatabase?> Sibling(string suffix, CancellationToken ct)
    {
        if (CreatedDatabase is null || _adminConnectionString is null) return null;
        var name = $"{CreatedDatabase}_{suffix.Replace('-', '_')}";
        await using (var conn = new NpgsqlConnection(_adminConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        var connectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
        return new BenchDatabase(connectionString, name, _adminConnectionString, local: null, _keep);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (CreatedDatabase is not null && !_keep)
            {
                NpgsqlConnection.ClearAllPools();
                await using var conn = new NpgsqlConnection(_adminConnectionString);
                await conn.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{CreatedDatabase}\" WITH (FORCE)", conn);
                await drop.ExecuteNonQueryAsync();
            }
        }
        catch (Exception e)
        {
            Progress.Line($"Could not drop database {CreatedDatabase}: {e.Message}");
        }
        finally
        {
            if (_local is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await _local.DisposeAsync();
            }
        }
    }
}
