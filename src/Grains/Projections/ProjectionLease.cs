using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;

namespace MicroEvents.Projections;

/// <summary>
/// The cluster-wide right to run the projections: a PostgreSQL session advisory lock per journal
/// schema, held on a connection of its own. PostgreSQL drops it when that connection dies, so a
/// crashed holder never blocks the next one; the rebuild verb takes the same lease, so it never
/// races a running daemon.
/// </summary>
public sealed class ProjectionLease : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private ProjectionLease(NpgsqlConnection connection) => _connection = connection;

    public static long Key(string schema) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("microevents.projections:" + schema)));

    /// <summary>The lease, or null while another process holds it.</summary>
    public static async Task<ProjectionLease?> TryTake(IDocumentStore store, CancellationToken ct = default)
    {
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key(store.Options.Events.DatabaseSchemaName));
            if (await command.ExecuteScalarAsync(ct) is true) return new ProjectionLease(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>False once the lease's connection is gone (then PostgreSQL has released the lock).</summary>
    public async Task<bool> StillHeld(CancellationToken ct = default)
    {
        try
        {
            await using var command = new NpgsqlCommand("select 1", _connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections keep session state (NoResetOnClose): unlock explicitly before returning it.
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock_all()", _connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // A broken connection is not returned to the pool, and PostgreSQL released its locks.
        }
        await _connection.DisposeAsync();
    }
}
