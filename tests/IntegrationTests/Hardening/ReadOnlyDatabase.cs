using Npgsql;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>Makes a fixture's own server refuse writes (default_transaction_read_only), as a standby or a demoted primary does.</summary>
public static class ReadOnlyDatabase
{
    public static async Task Set(string connectionString, bool on)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        // One statement per command: ALTER SYSTEM refuses to run inside the implicit transaction of a batch.
        foreach (var sql in new[] { "SET default_transaction_read_only = off", $"ALTER SYSTEM SET default_transaction_read_only = {(on ? "on" : "off")}", "SELECT pg_reload_conf()" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        if (!on) return;
        // The reload reaches sessions asynchronously: end them, so the very next statement runs in a new, read-only session.
        await using var end = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()", connection);
        await end.ExecuteScalarAsync();
    }
}
