using Npgsql;

namespace MicroEvents.IntegrationTests.Fuzz;

/// <summary>
/// Every stream's count of events in one schema, straight from PostgreSQL: what "nothing changed" means.
/// Receipt roots (<c>drop.batch_sealed.v1</c>) are left out: sealers record them in drop streams in the
/// background, for mints accepted earlier, whatever request happens to be in flight.
/// </summary>
public sealed class StreamVersions(string connectionString, string schema)
{
    public async Task<Dictionary<string, long>> Read()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand(
            $"select stream_id, count(*) filter (where type <> 'drop.batch_sealed.v1') from {schema}.mt_events group by stream_id", connection);
        var versions = new Dictionary<string, long>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync()) versions[reader.GetString(0)] = reader.GetInt64(1);
        return versions;
    }

    /// <summary>Streams that differ between two reads, as "key: before → after".</summary>
    public static IEnumerable<string> Changes(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, Func<string, bool> ignore) =>
        before.Keys.Union(after.Keys)
            .Where(k => !ignore(k) && before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{k}: {before.GetValueOrDefault(k)} → {after.GetValueOrDefault(k)}");
}
