using System.Text.RegularExpressions;
using FluentAssertions;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using Npgsql;

namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>
/// An analyze of the event table holds back the pruning of every dead row version while it samples: under a load of many
/// quiet streams, a sample of PostgreSQL's default size (30,000 rows) left ~13,000 dead versions in the stream table, which
/// then slowed every version check until its next vacuum (issue #30). The journal's schema keeps the sample a tenth of that.
/// </summary>
public partial class EventTableSampleTests : NewJournalSchema
{
    [Fact]
    public async Task an_analyze_of_the_event_table_samples_a_tenth_of_postgresqls_default()
    {
        await Events(40_000);

        var sampled = await RowsSampled();

        sampled.Should().BeLessThanOrEqualTo(300 * EventTableSample.Target, "300 rows per unit of the largest statistics target: 3,000, not 30,000");
    }

    [Fact]
    public async Task the_planner_still_knows_the_sequence_and_the_streams_but_not_the_event_bodies()
    {
        await Events(5_000);
        await TestPostgres.Execute($"analyze {Schema}.mt_events");

        (await TestPostgres.Scalar($"select count(*) from pg_stats where schemaname = '{Schema}' and tablename = 'mt_events' and attname in ('seq_id', 'stream_id', 'version', 'type')"))
            .Should().Be(4L, "range scans by sequence and lookups by stream are planned from these");
        (await TestPostgres.Scalar($"select count(*) from pg_stats where schemaname = '{Schema}' and tablename = 'mt_events' and attname = 'data'"))
            .Should().Be(0L, "no plan filters on the event body's statistics");
    }

    [Fact]
    public async Task applying_the_schema_again_keeps_the_targets()
    {
        await JournalStore.ApplySchema(Store);
        await JournalStore.ApplySchema(Store);

        (await TestPostgres.Scalar($"select max(coalesce(attstattarget, -1)) from pg_attribute where attrelid = '{Schema}.mt_events'::regclass and attnum > 0 and not attisdropped"))
            .Should().Be((short)EventTableSample.Target);
    }

    [Fact]
    public async Task a_start_does_not_wait_behind_a_vacuum_that_holds_the_table()
    {
        await TestPostgres.Execute($"alter table {Schema}.mt_events alter column data set statistics -1, alter column seq_id set statistics -1");
        await using var vacuum = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await vacuum.OpenAsync();
        await using var holding = await vacuum.BeginTransactionAsync();
        // The lock a vacuum holds (and one against wraparound does not give up).
        await using (var lockTable = new NpgsqlCommand($"lock table {Schema}.mt_events in share update exclusive mode", vacuum, holding))
            await lockTable.ExecuteNonQueryAsync();

        var applying = JournalStore.ApplySchema(Store);
        var finished = await Task.WhenAny(applying, Task.Delay(EventTableSample.LockWait * 5));

        finished.Should().BeSameAs(applying, "the start goes on after waiting LockWait for the table");
        await applying;
        await holding.RollbackAsync();
        (await TestPostgres.Scalar($"select coalesce(attstattarget, -1) from pg_attribute where attrelid = '{Schema}.mt_events'::regclass and attname = 'data'"))
            .Should().Be((short)-1, "left to the next start");
        await JournalStore.ApplySchema(Store);
        (await TestPostgres.Scalar($"select attstattarget from pg_attribute where attrelid = '{Schema}.mt_events'::regclass and attname = 'data'"))
            .Should().Be((short)0, "the next start sets it");
    }

    [Fact]
    public async Task a_role_that_does_not_own_the_table_still_starts()
    {
        await TestPostgres.Execute($"alter table {Schema}.mt_events alter column data set statistics -1");
        var role = $"r_{Schema}";
        var password = Guid.NewGuid().ToString("N");
        await TestPostgres.Execute($"create role {role} login password '{password}'; grant usage on schema {Schema} to {role}; " +
            $"grant select, insert, update on all tables in schema {Schema} to {role}");
        try
        {
            var asRole = new NpgsqlConnectionStringBuilder(await TestPostgres.ConnectionString) { Username = role, Password = password, Pooling = false }.ConnectionString;
            using var store = JournalStore.Create(asRole, Schema);

            await EventTableSample.Shrink(store);

            (await TestPostgres.Scalar($"select coalesce(attstattarget, -1) from pg_attribute where attrelid = '{Schema}.mt_events'::regclass and attname = 'data'"))
                .Should().Be((short)-1, "left to the owner's next migrate");
        }
        finally
        {
            await TestPostgres.Execute($"drop owned by {role}; drop role {role}");
        }
    }

    private Task Events(int count) => TestPostgres.Execute($$"""
        insert into {{Schema}}.mt_streams (id, version, timestamp, tenant_id)
        select 'drop/sample-' || s, {{count / 100}}, now(), '*DEFAULT*' from generate_series(1, 100) s;
        insert into {{Schema}}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived)
        select nextval('{{Schema}}.mt_events_sequence'), gen_random_uuid(), 'drop/sample-' || (1 + n % 100), 1 + n / 100,
               '{"claimId":"c","wallet":"0x00000000000000000000000000000000000000aa"}', 'drop.token_minted.v1', '*DEFAULT*', now(), 'x', false
        from generate_series(0, {{count - 1}}) n
        """);

    /// <summary>What <c>ANALYZE VERBOSE</c> reports: "…, N rows in sample, …".</summary>
    private async Task<int> RowsSampled()
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await connection.OpenAsync();
        await using (var analyze = new NpgsqlCommand($"analyze verbose {Schema}.mt_events", connection))
            await analyze.ExecuteNonQueryAsync();
        var sample = notices.Select(n => SampleSize().Match(n)).First(m => m.Success);
        return int.Parse(sample.Groups[1].Value);
    }

    [GeneratedRegex(@"(\d+) rows in sample")]
    private static partial Regex SampleSize();
}
