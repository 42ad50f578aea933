using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>
/// The journal's append statement is planned once per connection, not on every commit (see GenericPlan and
/// CommitConnections): PostgreSQL chose a fresh custom plan for it each time, and changing session_replication_role
/// inside each transaction emptied the session's plan cache twice a commit besides.
/// </summary>
public class GenericPlanTests : NewJournalSchema
{
    [Fact]
    public async Task the_append_statement_runs_one_generic_plan_on_a_session_whose_settings_never_change()
    {
        // Its own application name makes its own pools: other tests' journals commit on the shared one meanwhile.
        using var store = JournalStore.Create(await TestPostgres.ConnectionString + ";Application Name=generic-plan-test", Schema);
        var journal = new EventJournal(store, Options.Create(new JournalOptions { SnapshotEvery = 0 }));

        // One at a time: each is its own commit of the prepared statement, on the connections of the journal's pool.
        for (var i = 0; i < 8; i++)
            (await journal.Append($"drop/planned-{i}", 0, Created($"planned-{i}"), _ => null)).Should().BeTrue();

        // The same connection string is the same pool, of at most two: holding both connections, one is one this journal
        // committed on (its last commit returns its connection to the pool only after answering).
        var pool = new CommitConnections(store.ConnectionString, AppendQueue.MaxCommitsInFlight);
        await using var first = pool.Create();
        await using var second = pool.Create();
        await first.OpenAsync();
        await second.OpenAsync();
        string? statement = null;
        NpgsqlConnection connection = first;
        foreach (var candidate in new[] { first, second })
        {
            await using var reader = await Read(candidate,
                $"select name, generic_plans, custom_plans from pg_prepared_statements where statement like '%insert into {Schema}.mt_events%'");
            if (!await reader.ReadAsync()) continue;
            (statement, connection) = (reader.GetString(0), candidate);
            reader.GetInt64(2).Should().Be(0, "no commit plans the statement for its own parameters");
            reader.GetInt64(1).Should().BePositive("its commits run the one generic plan");
        }
        statement.Should().NotBeNull("the journal prepares its statement on its connection");
        // The plan made for a handful of streams still finds each stream by its key rather than scanning the table.
        var plan = new List<string>();
        await using (var reader = await Read(connection, $"explain execute {statement}({string.Join(", ", Enumerable.Repeat("null", 12))})"))
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        plan.Should().Contain(line => line.Contains("Index Scan using pkey_mt_streams_id")).And.NotContain(line => line.Contains("Seq Scan on mt_streams"));
        await using (var reader = await Read(connection,
            $"select name, setting, source from pg_settings where name in ('{GenericPlan.Parameter}', 'enable_seqscan', '{StreamForeignKey.Parameter}') order by name"))
        {
            // Set when the session started, never inside a transaction: a change of session_replication_role empties the plan cache.
            var settings = new List<string>();
            while (await reader.ReadAsync()) settings.Add($"{reader.GetString(0)}={reader.GetString(1)} ({reader.GetString(2)})");
            settings.Should().Equal("enable_seqscan=off (client)", $"{GenericPlan.Parameter}={GenericPlan.Mode} (client)", $"{StreamForeignKey.Parameter}=replica (client)");
        }
    }

    private static List<object> Created(string id) =>
        DropDecisions.Create(DropState.Initial, Samples.Drop(id), DateTimeOffset.UnixEpoch).Events.Cast<object>().ToList();

    private static async Task<NpgsqlDataReader> Read(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteReaderAsync();
    }
}
