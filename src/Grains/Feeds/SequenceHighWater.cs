using Marten;

namespace MicroEvents.Feeds;

/// <summary>
/// How far the global event sequence can be read without missing anything. Appends take their
/// sequence numbers inside their transaction, so a later number can commit before an earlier one:
/// reading past a missing number could skip an event that is about to appear. The mark therefore
/// stops at the first missing number, unless the event after it committed more than
/// <see cref="StaleAfter"/> ago (database time): then the missing number belongs to an append that
/// rolled back (refused, or its connection broke) and will never appear.
/// </summary>
public sealed class SequenceHighWater(IDocumentStore store)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);
    private const int Scan = 10_000;

    /// <summary>The highest sequence s such that every stored event in (<paramref name="after"/>, s] is visible now.</summary>
    public async Task<long> After(long after, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            select seq_id, extract(epoch from now() - timestamp)::float8
            from {store.Options.Events.DatabaseSchemaName}.mt_events
            where seq_id > @after order by seq_id limit {Scan}
            """;
        command.Parameters.AddWithValue("after", after);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var next = after + 1;
        while (await reader.ReadAsync(ct))
        {
            var sequence = reader.GetInt64(0);
            if (sequence != next && reader.GetDouble(1) < StaleAfter.TotalSeconds) break;
            next = sequence + 1;
        }
        return next - 1;
    }
}
