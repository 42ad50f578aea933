using System.Diagnostics;
using System.Text.Json;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Drops.Events;
using Npgsql;
using NpgsqlTypes;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// The first stage of the chain of ceilings: what PostgreSQL itself allows one writer, with no journal code at all.
/// One multi-row insert per batch of event rows of the journal's shape (a mint's JSON, event id, alias, .NET type,
/// correlation id, a fresh sequence number) plus the stream's version move, one durable transaction each, back to back,
/// prepared like the journal's statement. The journal ceiling divided by this is the journal's own overhead (issue #30's
/// target: ≥ 0.8). Open it once per batch size and run it in rounds between the journal's, so both meet the same machine.
/// </summary>
public sealed class RawInsertCeiling : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _command;
    private readonly int _size;
    private long _token;

    private RawInsertCeiling(NpgsqlConnection connection, NpgsqlCommand command, int size) =>
        (_connection, _command, _size) = (connection, command, size);

    public static async Task<RawInsertCeiling> Open(ScenarioContext context, int size, CancellationToken ct)
    {
        var schema = context.Settings.Schema;
        var stream = $"raw/{size}-{context.RunTag}";
        var connection = new NpgsqlConnection(context.Database.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var create = new NpgsqlCommand($"insert into {schema}.mt_streams (id, version, timestamp, tenant_id) values (@k, 0, now(), '*DEFAULT*')", connection))
        {
            create.Parameters.AddWithValue("k", stream);
            await create.ExecuteNonQueryAsync(ct);
        }

        var command = new NpgsqlCommand($"""
            with moved as (update {schema}.mt_streams set version = version + @n, timestamp = now() where id = @k returning version - @n as base)
            insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, correlation_id)
            select nextval('{schema}.mt_events_sequence'), e.id, @k, (select base from moved) + e.n, e.data, 'drop.token_minted.v1', '*DEFAULT*', now(),
                   'MicroEvents.Drops.Events.TokenMinted, MicroEvents.Grains.Interfaces', false, e.corr
            from unnest(@ids, @data, @corr) with ordinality as e(id, data, corr, n)
            """, connection);
        command.Parameters.Add("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid);
        command.Parameters.Add("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb);
        command.Parameters.Add("corr", NpgsqlDbType.Array | NpgsqlDbType.Varchar);
        command.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Text) { Value = stream });
        command.Parameters.Add(new NpgsqlParameter("n", NpgsqlDbType.Bigint) { Value = (long)size });
        await command.PrepareAsync(ct);
        return new RawInsertCeiling(connection, command, size);
    }

    /// <summary>Inserts batches back to back for <paramref name="duration"/>; the events written and the seconds it took.</summary>
    public async Task<(long Events, double Seconds)> Run(TimeSpan duration, CancellationToken ct)
    {
        long events = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !ct.IsCancellationRequested)
        {
            var rows = new string[_size];
            var claims = new string[_size];
            var ids = new Guid[_size];
            for (var i = 0; i < _size; i++)
            {
                _token++;
                ids[i] = Guid.NewGuid();
                claims[i] = BenchDrops.ClaimId(_token);
                rows[i] = JsonSerializer.Serialize(new TokenMinted(claims[i], _token, BenchDrops.Wallet(_token), null, DateTimeOffset.UtcNow), Json);
            }
            (_command.Parameters["ids"].Value, _command.Parameters["data"].Value, _command.Parameters["corr"].Value) = (ids, rows, claims);
            await _command.ExecuteNonQueryAsync(ct);
            events += _size;
        }
        return (events, clock.Elapsed.TotalSeconds);
    }

    public async ValueTask DisposeAsync()
    {
        await _command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
