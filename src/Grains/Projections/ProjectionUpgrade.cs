using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MicroEvents.Projections;

/// <summary>
/// A projection whose stored shape changed names its old tables (<see cref="TableProjection.RetiredTables"/>). Before
/// the daemon starts, each such projection still next to an old table is set back to the first event, in one
/// transaction: its progress row and current rows deleted, the old tables dropped. The daemon then replays it, as a
/// rebuild would, and a silo of the old version never reads half-migrated rows (it finds its old table gone and fails).
/// </summary>
public static class ProjectionUpgrade
{
    public static async Task Run(IDocumentStore store, ILogger log, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        foreach (var projection in ProjectionCatalogue.For(schema))
        {
            if (projection.RetiredTables.Count == 0) continue;
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            var retired = new List<string>();
            foreach (var table in projection.RetiredTables)
                if (await Exists(connection, $"{schema}.{table}", ct)) retired.Add($"{schema}.{table}");
            if (retired.Count == 0) continue;

            await using var transaction = await connection.BeginTransactionAsync(ct);
            var statements = new List<string>();
            if (await Exists(connection, $"{schema}.mt_event_progression", ct))
                statements.Add($"delete from {schema}.mt_event_progression where name like '{projection.Name}:%'");
            foreach (var table in projection.Tables)
                if (await Exists(connection, table.Identifier.QualifiedName, ct)) statements.Add($"delete from {table.Identifier.QualifiedName}");
            statements.AddRange(retired.Select(t => $"drop table {t}"));
            await using (var command = new NpgsqlCommand(string.Join(";\n", statements), connection, transaction))
                await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            log.LogWarning("Projection {Projection} changed its storage ({Retired} retired): it is replayed from the first event", projection.Name, string.Join(", ", retired));
        }
    }

    private static async Task<bool> Exists(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select to_regclass(@t) is not null", connection);
        command.Parameters.AddWithValue("t", table);
        return await command.ExecuteScalarAsync(ct) is true;
    }
}
