using Marten;
using MicroEvents.EventSourcing;
using Npgsql;

namespace MicroEvents.Projections;

/// <summary>
/// One read of a projection's tables, for a feature's stateless reader grain (<c>DropStatsGrain</c>,
/// <c>VenueStatsGrain</c>…): behind the journal's breaker, so an outage answers 503 as every other read does, and
/// with the projection's position read before its tables, so the answer reflects at least that much of the sequence.
/// </summary>
public static class ProjectionQuery
{
    public static Task<T> Read<T>(IDocumentStore store, EventJournal journal, string projection, Func<NpgsqlConnection, long, Task<T>> read) =>
        journal.Breaker.Read(async () =>
        {
            var position = (await ProjectionPositions.Read(store, CancellationToken.None)).First(p => p.Name == projection).Position;
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync();
            return await read(connection, position);
        });
}
