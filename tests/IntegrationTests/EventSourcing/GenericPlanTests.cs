using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>
/// The journal's append statement is planned once per connection, not on every commit (see GenericPlan): PostgreSQL kept
/// choosing a fresh custom plan for it, about 1 ms of its time a commit whatever the commit carried.
/// </summary>
public class GenericPlanTests : NewJournalSchema
{
    [Fact]
    public async Task the_append_statement_is_planned_once_per_connection_and_the_setting_ends_with_its_transaction()
    {
        // One pooled connection, so the statement prepared by the journal is the one looked at afterwards.
        using var store = JournalStore.Create(await TestPostgres.ConnectionString + ";Maximum Pool Size=1", Schema);
        var journal = new EventJournal(store, Options.Create(new JournalOptions { SnapshotEvery = 0 }));

        // One at a time: each is its own commit of the prepared statement.
        for (var i = 0; i < 8; i++)
            (await journal.Append($"drop/planned-{i}", 0, Created($"planned-{i}"), _ => null)).Should().BeTrue();

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select generic_plans, custom_plans from pg_prepared_statements where statement like '%insert into {Schema}.mt_events%'", connection);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            (await reader.ReadAsync()).Should().BeTrue("the journal prepares its statement on the connection");
            reader.GetInt64(1).Should().Be(0, "no commit plans the statement afresh");
            reader.GetInt64(0).Should().Be(8, "every commit runs the one generic plan");
        }
        await using var show = new NpgsqlCommand($"show {GenericPlan.Parameter}", connection);
        (await show.ExecuteScalarAsync()).Should().Be("auto", "the setting ends with the journal's transaction");
    }

    private static List<object> Created(string id) =>
        DropDecisions.Create(DropState.Initial, Samples.Drop(id), DateTimeOffset.UnixEpoch).Events.Cast<object>().ToList();
}
