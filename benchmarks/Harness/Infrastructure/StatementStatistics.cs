using MicroEvents.LocalStandIns.Postgres;
using Npgsql;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>
/// Makes the harness's own PostgreSQL (the one it started under <c>&lt;out&gt;/.pgdata</c>) preload
/// <c>pg_stat_statements</c>, so every run can report its top statements per claim. Only that server, and
/// only when the contrib library is installed; a server someone else runs is left as it is (the report
/// then says the statistics are unavailable).
/// </summary>
public static class StatementStatistics
{
    private const string Library = "/usr/lib/postgresql/15/lib/pg_stat_statements.so";

    public static async Task Preload(LocalPostgres local, CancellationToken ct)
    {
        if (!local.StartedByUs || !File.Exists(Library)) return;
        await using (var conn = new NpgsqlConnection(local.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var show = new NpgsqlCommand("show shared_preload_libraries", conn);
            if (((string?)await show.ExecuteScalarAsync(ct) ?? "").Contains("pg_stat_statements", StringComparison.Ordinal)) return;
            // ALTER SYSTEM writes postgresql.auto.conf in the harness's own data directory; it takes effect at the restart below.
            await using var alter = new NpgsqlCommand("alter system set shared_preload_libraries = 'pg_stat_statements'", conn);
            await alter.ExecuteNonQueryAsync(ct);
        }
        NpgsqlConnection.ClearAllPools();
        Progress.Line("restarting the harness's PostgreSQL once so it preloads pg_stat_statements");
        await local.StopServerAsync(ct);
        await local.StartServerAgainAsync(ct);
    }
}
