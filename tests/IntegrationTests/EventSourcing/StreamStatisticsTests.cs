using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>
/// Every append moves its stream's row (and other writers' events are checked against it by Marten's foreign key), and
/// PostgreSQL plans both per connection from the stream table's statistics. Planned while the table was small, the check
/// scanned every stream for every event until autovacuum's next analyze (up to a minute): after a burst of new drops,
/// each claim paid a scan of all of them (session 10). The journal refreshes the statistics itself after such a burst.
/// </summary>
public class StreamStatisticsTests : NewJournalSchema
{
    [Fact]
    public async Task after_a_burst_of_new_streams_postgres_knows_the_stream_table_holds_them()
    {
        // Autovacuum off for this table, so only the journal can refresh its statistics in this test.
        await TestPostgres.Execute($"alter table {Schema}.mt_streams set (autovacuum_enabled = false)");
        var journal = new EventJournal(Store, Options.Create(new JournalOptions { SnapshotEvery = 0 }));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Create(journal, $"drop/early-{i}")));
        // What autovacuum leaves behind on a young database: statistics of a three-stream table.
        await TestPostgres.Execute($"analyze {Schema}.mt_streams");

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Create(journal, $"drop/burst-{i}")));

        // Analyzed at least once the first 100 new streams were stored (later analyzes follow every tenth more).
        await Eventually.True(async () => await EstimatedStreams() >= 100, TimeSpan.FromSeconds(15),
            "the planner's estimate of the stream table did not grow with the 300 new streams");
    }

    private static async Task Create(EventJournal journal, string key)
    {
        var created = DropDecisions.Create(DropState.Initial, Samples.Drop(key[5..]), DateTimeOffset.UnixEpoch).Events;
        (await journal.Append(key, 0, created.Cast<object>().ToList(), _ => null)).Should().BeTrue();
    }

    private async Task<long> EstimatedStreams() =>
        (long)(await TestPostgres.Scalar($"select greatest(reltuples, 0)::bigint from pg_class where oid = '{Schema}.mt_streams'::regclass"))!;
}
