using FluentAssertions;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Projections;
using Npgsql;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>
/// Readers must not tax the writer (issue #30): on a new database Marten's daemon's gap detection, run at every commit, read
/// and sorted the whole event table (no statistics until autovacuum's first pass), its cost growing with every event stored.
/// </summary>
public class EventTableStatisticsTests : NewJournalSchema
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Autovacuum stays out of it: this is the first minute of a new database, before its first pass.
        await TestPostgres.Execute($"alter table {Schema}.mt_events set (autovacuum_enabled = off)");
    }

    [Fact]
    public async Task a_new_event_table_gets_statistics_so_the_daemons_gap_detection_reads_only_the_rows_past_its_mark()
    {
        await TestPostgres.Execute($$"""
            insert into {{Schema}}.mt_streams (id, version, timestamp, tenant_id) values ('drop/stats', 20000, now(), '*DEFAULT*');
            insert into {{Schema}}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived)
            select nextval('{{Schema}}.mt_events_sequence'), gen_random_uuid(), 'drop/stats', v, '{"claimId":"c"}', 'drop.token_minted.v1', '*DEFAULT*', now(), 'x', false
            from generate_series(1, 20000) v
            """);
        var statistics = new EventTableStatistics(Store);
        (await GapDetectionPlan()).Should().Contain("Seq Scan", "without statistics the planner reads all 20,000 rows to find the 10 past the mark");

        (await statistics.Ensure(CancellationToken.None)).Should().BeTrue();

        (await GapDetectionPlan()).Should().NotContain("Seq Scan", "with statistics it walks the primary key from the daemon's mark");
    }

    [Fact]
    public async Task a_table_with_few_events_is_left_to_autovacuum()
    {
        (await new EventTableStatistics(Store).Ensure(CancellationToken.None)).Should().BeFalse("an empty table has nothing to sample");
    }

    /// <summary>Marten's gap detection (Marten.Events.Daemon.HighWater.GapDetector, 9.x), its mark 10 events behind the head.</summary>
    private async Task<string> GapDetectionPlan()
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand($"""
            explain select
              (select min(seq_id) from {Schema}.mt_events where seq_id > @start) as first_after,
              (select seq_id
               from (select seq_id, lead(seq_id) over (order by seq_id) as next_seq
                     from {Schema}.mt_events where seq_id >= @start) gaps
               where next_seq is not null and next_seq - seq_id > 1
               order by seq_id
               limit 1) as gap_edge,
              (select max(seq_id) from {Schema}.mt_events where seq_id >= @start) as max_seq
            """, connection);
        explain.Parameters.AddWithValue("start", 19_990L);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        return string.Join('\n', plan);
    }
}
