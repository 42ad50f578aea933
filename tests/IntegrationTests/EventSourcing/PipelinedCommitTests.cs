using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Feeds;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>
/// The journal's group commit is pipelined: while one commit waits for PostgreSQL to make it durable, the next
/// streams' statement already runs. Here a commit is made slow on purpose (a deferred trigger that sleeps at
/// COMMIT for streams named <c>slow/…</c>), in a schema of its own.
/// </summary>
public sealed class PipelinedCommitTests : IAsyncLifetime
{
    private static readonly TimeSpan SlowCommit = TimeSpan.FromSeconds(6);
    private readonly string _schema = TestPostgres.NewSchema();
    private JournalDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = JournalStore.Create(await TestPostgres.ConnectionString, _schema);
        await JournalStore.ApplySchema(_store);
        await Sql($"""
            create function {_schema}.slow_commit() returns trigger language plpgsql as $$
              begin perform pg_sleep({SlowCommit.TotalSeconds}); return null; end $$;
            create constraint trigger slow_commit after insert on {_schema}.mt_events deferrable initially deferred
              for each row when (new.stream_id like 'slow/%') execute function {_schema}.slow_commit();
            """);
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await TestPostgres.DropSchema(_schema);
    }

    [Fact]
    public async Task a_stream_is_stored_while_another_streams_commit_still_waits_for_postgresql()
    {
        var committed = new CommittedEvents();
        var journal = new EventJournal(_store, Options.Create(new JournalOptions()), committed: committed);

        var slow = journal.Append("slow/1", 0, [new DropOpened(DateTimeOffset.UnixEpoch)], _ => null);
        await Eventually.True(SlowCommitRunning, TimeSpan.FromSeconds(10), "the slow commit reached COMMIT");

        var fast = journal.Append("fast/1", 0, [new DropOpened(DateTimeOffset.UnixEpoch)], _ => null);
        (await fast.WaitAsync(SlowCommit * 3)).Should().BeTrue();
        slow.IsCompleted.Should().BeFalse("the fast stream must not wait behind the slow stream's commit");

        (await slow).Should().BeTrue();
        // Both published to this silo's readers, gapless and in sequence order although they committed out of order.
        committed.After(0, 10).Select(e => e.StreamKey).Should().Equal("slow/1", "fast/1");
    }

    [Fact]
    public async Task many_streams_appended_at_once_are_each_stored_once_in_order_and_published_without_a_gap()
    {
        var committed = new CommittedEvents();
        var journal = new EventJournal(_store, Options.Create(new JournalOptions()), committed: committed);
        var keys = Enumerable.Range(0, 300).Select(i => $"many/{i}").ToList();

        for (var version = 0; version < 3; version++)
        {
            var at = version;
            var outcomes = await Task.WhenAll(keys.Select(k => journal.Append(k, at, [new DropOpened(DateTimeOffset.UnixEpoch)], _ => null)));
            outcomes.Should().NotContain(false);
        }

        var published = committed.After(0, 10_000);
        published.Should().HaveCount(900, "every committed event reaches this silo's readers, with no gap in the sequence");
        published.Select(e => e.Sequence).Should().BeInAscendingOrder();
        foreach (var stream in published.GroupBy(e => e.StreamKey))
            stream.Select(e => e.Version).Should().Equal(1, 2, 3);
    }

    private async Task<bool> SlowCommitRunning()
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where wait_event = 'PgSleep' and query = 'COMMIT' and datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private async Task Sql(string sql)
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
