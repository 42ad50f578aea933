using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>
/// The journal's statement skips Marten's per-row check of each event against its stream, on its own connections only
/// (see StreamForeignKey): every other writer is still checked, and a role that may not skip it appends as before.
/// Whether the check ran is seen through a row trigger on the event table, fired exactly when the key's triggers are.
/// </summary>
public class StreamForeignKeyTests : NewJournalSchema
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestPostgres.Execute($"""
            create table {Schema}.checked_rows (stream_id varchar);
            create function {Schema}.note_checked_row() returns trigger language plpgsql as
              $$ begin insert into {Schema}.checked_rows values (new.stream_id); return null; end $$;
            create trigger note_checked_row after insert on {Schema}.mt_events for each row execute function {Schema}.note_checked_row();
            """);
    }

    [Fact]
    public async Task the_journal_appends_without_the_per_row_check_and_every_other_writer_is_still_checked()
    {
        // One pooled connection for Marten: if the journal's commits ran on it, its next user would inherit their setting.
        using var store = JournalStore.Create(await TestPostgres.ConnectionString + ";Maximum Pool Size=1", Schema);
        var journal = new EventJournal(store, Options.Create(new JournalOptions { SnapshotEvery = 0 }));

        (await Create(journal, "drop/unchecked")).Should().BeTrue();

        (await CheckedRows("drop/unchecked")).Should().Be(0, "the journal's own rows skip the row triggers");
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        (await Scalar(connection, "show session_replication_role")).Should().Be("origin", "the skip stays on the journal's own connections");
        var orphan = () => Scalar(connection, $"""
            insert into {Schema}.mt_events (seq_id, id, stream_id, version, data, type)
            values (nextval('{Schema}.mt_events_sequence'), gen_random_uuid(), 'drop/no-such-stream', 1, '[]', 'x') returning 'stored'
            """);
        (await orphan.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.ForeignKeyViolation);
    }

    [Fact]
    public async Task a_role_that_may_not_skip_the_check_appends_with_it_and_says_so()
    {
        var role = $"r_{Schema}";
        await TestPostgres.Execute($"""
            create role {role} login password 'journal';
            grant usage on schema {Schema} to {role};
            grant all on all tables in schema {Schema} to {role};
            grant all on all sequences in schema {Schema} to {role};
            """);
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(await TestPostgres.ConnectionString) { Username = role, Password = "journal" };
            using var store = JournalStore.Create(connectionString.ConnectionString, Schema);
            var log = new LogCapture();
            using var factory = LoggerFactory.Create(b => b.AddProvider(log));
            var journal = new EventJournal(store, Options.Create(new JournalOptions { SnapshotEvery = 0 }), log: factory.CreateLogger<EventJournal>());

            (await Create(journal, "drop/checked")).Should().BeTrue();
            (await Create(journal, "drop/checked-too")).Should().BeTrue();

            (await CheckedRows("drop/checked")).Should().BeGreaterThan(0, "a role without the right keeps the checks");
            (await CheckedRows("drop/checked-too")).Should().BeGreaterThan(0);
            log.Lines.Should().ContainSingle(l => l.Contains("may not set session_replication_role"));
        }
        finally
        {
            await TestPostgres.Execute($"drop owned by {role}; drop role {role}");
        }
    }

    private static async Task<bool> Create(EventJournal journal, string key)
    {
        var created = DropDecisions.Create(DropState.Initial, Samples.Drop(key[5..]), DateTimeOffset.UnixEpoch).Events;
        return await journal.Append(key, 0, created.Cast<object>().ToList(), _ => null);
    }

    private async Task<long> CheckedRows(string stream) =>
        (long)(await TestPostgres.Scalar($"select count(*) from {Schema}.checked_rows where stream_id = '{stream}'"))!;

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
