using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Silo.Clustering;
using Npgsql;

namespace MicroEvents.IntegrationTests.Clustering;

/// <summary>The Orleans ADO.NET schema: fresh, applied twice, applied concurrently, and upgraded from the previous version.</summary>
public class OrleansSchemaTests : IAsyncLifetime
{
    // Every named query Orleans 10.4 loads for membership, reminders and grain storage.
    private static readonly string[] QueryKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey",
        "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
    ];

    private readonly string _schema = TestPostgres.NewSchema();
    private string _connection = "";

    public async Task InitializeAsync() => _connection = await TestPostgres.ConnectionString;

    public Task DisposeAsync() => TestPostgres.DropSchema(_schema);

    [Fact]
    public async Task a_fresh_database_gets_every_version_and_every_query_orleans_loads()
    {
        var applied = await OrleansSchema.Apply(_connection, _schema);

        applied.Should().Equal(OrleansSchema.Versions.Select(v => v.Version));
        (await Strings("SELECT querykey FROM orleansquery")).Should().BeEquivalentTo(QueryKeys);
        (await ColumnType("orleansstorage", "modifiedon")).Should().Be("timestamp with time zone");
    }

    [Fact]
    public async Task a_second_run_applies_nothing_and_keeps_the_rows()
    {
        await OrleansSchema.Apply(_connection, _schema);
        await Scalar("SELECT insert_membership_version('c1')");

        (await OrleansSchema.Apply(_connection, _schema)).Should().BeEmpty();
        (await Scalar("SELECT count(*) FROM orleansmembershipversiontable")).Should().Be(1L);
        (await Scalar("SELECT count(*) FROM orleans_schema_version")).Should().Be((long)OrleansSchema.Latest);
    }

    [Fact]
    public async Task silos_starting_together_apply_it_once()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OrleansSchema.Apply(_connection, _schema)));

        runs.SelectMany(r => r).Should().Equal(OrleansSchema.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task a_database_at_the_previous_version_is_upgraded_and_keeps_its_data()
    {
        (await OrleansSchema.Apply(_connection, _schema, upTo: 1)).Should().Equal(1);
        (await Strings("SELECT querykey FROM orleansquery")).Should().NotContain("CleanupDefunctSiloEntriesKey");
        (await ColumnType("orleansstorage", "modifiedon")).Should().Be("timestamp without time zone");
        await Scalar("SELECT insert_membership_version('c1')");
        await Scalar("""
            SELECT * FROM writetostorage(1, 2, 3, 4, 'counter', NULL, 'svc', NULL, '\x01'::bytea)
            """);
        var writtenAt = (DateTime)(await Scalar("SELECT modifiedon FROM orleansstorage"))!;

        (await OrleansSchema.Apply(_connection, _schema)).Should().Equal(2);

        (await Strings("SELECT querykey FROM orleansquery")).Should().BeEquivalentTo(QueryKeys);
        (await ColumnType("orleansstorage", "modifiedon")).Should().Be("timestamp with time zone");
        (await Scalar("SELECT count(*) FROM orleansmembershipversiontable WHERE deploymentid = 'c1'")).Should().Be(1L);
        // The stored UTC wall-clock time survives the type change unshifted.
        var upgraded = (DateTime)(await Scalar("SELECT modifiedon FROM orleansstorage"))!;
        upgraded.ToUniversalTime().Should().Be(DateTime.SpecifyKind(writtenAt, DateTimeKind.Utc));
        (await Scalar("SELECT newgrainstateversion FROM writetostorage(1, 2, 3, 4, 'counter', NULL, 'svc', 1, '\\x02'::bytea)")).Should().Be(2);
    }

    private async Task<object?> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(OrleansSchema.ConnectionString(_connection, _schema));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task<List<string>> Strings(string sql)
    {
        await using var connection = new NpgsqlConnection(OrleansSchema.ConnectionString(_connection, _schema));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    private async Task<string?> ColumnType(string table, string column) =>
        (string?)await Scalar($"SELECT data_type FROM information_schema.columns WHERE table_schema = '{_schema}' AND table_name = '{table}' AND column_name = '{column}'");
}
