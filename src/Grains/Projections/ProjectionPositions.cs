using Marten;
using Npgsql;

namespace MicroEvents.Projections;

/// <summary>How far each projection has read (Marten's progression rows), against the highest stored event.</summary>
public static class ProjectionPositions
{
    public static async Task<IReadOnlyList<ProjectionStatus>> Read(IDocumentStore store, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select name, last_seq_id from {schema}.mt_event_progression; select coalesce(max(seq_id), 0) from {schema}.mt_events", connection);
        var positions = new Dictionary<string, long>();
        long highest;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                // Marten names a shard "{projection}:All".
                var name = reader.GetString(0).Split(':')[0];
                positions[name] = Math.Max(positions.GetValueOrDefault(name), reader.GetInt64(1));
            }
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            highest = reader.GetInt64(0);
        }
        return ProjectionCatalogue.Names.Select(n => new ProjectionStatus(n, positions.GetValueOrDefault(n), highest)).ToList();
    }
}
