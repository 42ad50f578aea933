using System.Diagnostics;
using System.Text.Json;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Drops.Events;
using Npgsql;
using NpgsqlTypes;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// The first stage of the chain of ceilings: what PostgreSQL itself allows one writer, with no journal code at all.
/// One multi-row insert per batch of event rows of the journal's shape (a mint's JSON, alias, .NET type, correlation
/// id, a fresh sequence number) plus the stream's version move, one durable transaction each, back to back.
/// The journal ceiling divided by this is the journal's own overhead (issue #30's target: ≥ 0.8).
/// </summary>
public sealed class RawInsertCeiling(ScenarioContext context)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Events per second for a batch of <paramref name="size"/> rows, measured for <paramref name="duration"/>.</summary>
    public async Task<double> EventsPerSecond(int size, TimeSpan duration, CancellationToken ct)
    {
        var schema = context.Settings.Schema;
        var stream = $"raw/{size}-{context.RunTag}";
        await using var connection = new NpgsqlConnection(context.Database.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var create = new NpgsqlCommand($"insert into {schema}.mt_streams (id, version, timestamp, tenant_id) values (@k, 0, now(), '*DEFAULT*')", connection))
        {
            create.Parameters.AddWithValue("k", stream);
            await create.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand($"""
            with moved as (update {schema}.mt_streams set version = version + @n, timestamp = now() where id = @k returning version - @n as base)
            insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, correlation_id)
            select nextval('{schema}.mt_events_sequence'), gen_random_uuid(), @k, (select base from moved) + e.n, e.data, 'drop.token_minted.v1', '*DEFAULT*', now(),
                   'MicroEvents.Drops.Events.TokenMinted, MicroEvents.Grains.Interfaces', false, e.corr
            from unnest(@data, @corr) with ordinality as e(data, corr, n)
            """, connection);
        var data = command.Parameters.Add("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb);
        var corr = command.Parameters.Add("corr", NpgsqlDbType.Array | NpgsqlDbType.Varchar);
        command.Parameters.AddWithValue("k", stream);
        command.Parameters.AddWithValue("n", (long)size);

        long events = 0, token = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !ct.IsCancellationRequested)
        {
            var rows = new string[size];
            var ids = new string[size];
            for (var i = 0; i < size; i++)
            {
                token++;
                ids[i] = BenchDrops.ClaimId(token);
                rows[i] = JsonSerializer.Serialize(new TokenMinted(ids[i], token, BenchDrops.Wallet(token), null, DateTimeOffset.UtcNow), Json);
            }
            (data.Value, corr.Value) = (rows, ids);
            await command.ExecuteNonQueryAsync(ct);
            events += size;
        }
        return Math.Round(events / clock.Elapsed.TotalSeconds, 0);
    }
}
