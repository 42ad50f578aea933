using Npgsql;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// PostgreSQL's statements by total execution time over a window, per acknowledged claim, from
/// <c>pg_stat_statements</c>. Optional: the server must preload the library (the harness's own server
/// does, see <see cref="Infrastructure.StatementStatistics"/>); otherwise <see cref="Unavailable"/> says why.
/// </summary>
public sealed class TopStatements(string connectionString)
{
    public string? Unavailable { get; private set; }

    /// <summary>Creates the extension in the run's database and clears the counters (server-wide); false, with the reason kept, if it cannot.</summary>
    public async Task<bool> Reset(CancellationToken ct)
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            await using (var create = new NpgsqlCommand("create extension if not exists pg_stat_statements", conn))
                await create.ExecuteNonQueryAsync(ct);
            await using var reset = new NpgsqlCommand("select pg_stat_statements_reset()", conn);
            await reset.ExecuteNonQueryAsync(ct);
            Unavailable = null;
            return true;
        }
        catch (PostgresException e)
        {
            Unavailable = $"pg_stat_statements unavailable: {e.MessageText} (needs shared_preload_libraries=pg_stat_statements and PostgreSQL's contrib)";
            return false;
        }
    }

    public async Task<IReadOnlyList<StatementCost>> Top(int count, long claims, CancellationToken ct)
    {
        if (Unavailable is not null) return [];
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select calls, total_exec_time, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 160), shared_blks_hit, shared_blks_read from pg_stat_statements " +
            "where dbid = (select oid from pg_database where datname = current_database()) order by total_exec_time desc limit @n", conn);
        cmd.Parameters.AddWithValue("n", count);
        var result = new List<StatementCost>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var per = Math.Max(claims, 1);
        while (await reader.ReadAsync(ct))
        {
            var calls = reader.GetInt64(0);
            var perCall = Math.Max(calls, 1);
            // Rows and buffers per call say how much of a table one call walks, whatever the machine's load did to its time.
            result.Add(new StatementCost(reader.GetString(3), calls, Math.Round(reader.GetDouble(1), 1),
                Math.Round((double)calls / per, 4), Math.Round(reader.GetDouble(1) * 1000 / per, 1), reader.GetInt64(2))
            {
                RowsPerCall = Math.Round((double)reader.GetInt64(2) / perCall, 1),
                BufferHitsPerCall = Math.Round((double)reader.GetInt64(4) / perCall, 1),
                BufferReadsPerCall = Math.Round((double)reader.GetInt64(5) / perCall, 1),
            });
        }
        return result;
    }
}

/// <summary>
/// One statement over the window: calls, total execution ms, calls and execution µs per acknowledged claim, rows; per call the rows
/// returned or changed and the shared buffers hit and read (load-robust: what a call walks, not how long the machine let it take).
/// </summary>
public sealed record StatementCost(string Query, long Calls, double TotalMs, double CallsPerClaim, double ExecUsPerClaim, long Rows)
{
    public double RowsPerCall { get; init; }
    public double BufferHitsPerCall { get; init; }
    public double BufferReadsPerCall { get; init; }
}
