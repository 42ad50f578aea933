using FluentAssertions;
using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Projections;
using Microsoft.Extensions.Logging.Abstractions;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>
/// The creator leaderboard changed how it stores wallets (packed runs instead of a row per wallet). A database written by
/// the earlier version still holds the old table and the projection's progress: left as is, the new table would start
/// empty at that progress and the leaderboard would count only wallets seen after the upgrade.
/// </summary>
public class ProjectionUpgradeTests : IAsyncLifetime
{
    private readonly string _schema = TestPostgres.NewSchema();
    private Marten.DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = JournalStore.Create(await TestPostgres.ConnectionString, _schema);
        await JournalStore.ApplySchema(_store);
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await TestPostgres.DropSchema(_schema);
    }

    [Fact]
    public async Task a_projection_next_to_its_retired_table_is_set_back_to_the_first_event_once()
    {
        await TestPostgres.Execute($"""
            create table {_schema}.proj_creator_wallets (creator varchar not null, wallet varchar not null, primary key (creator, wallet));
            insert into {_schema}.proj_creator_wallets values ('0xc0ffee', '0x01');
            insert into {_schema}.proj_creator_drops values ('summer', '0xc0ffee', 7);
            insert into {_schema}.mt_event_progression (name, last_seq_id) values ('creator-leaderboard:All', 500), ('drop-timeline:All', 500);
            """);

        await ProjectionUpgrade.Run(_store, NullLogger.Instance, CancellationToken.None);

        (await TestPostgres.Scalar($"select to_regclass('{_schema}.proj_creator_wallets') is null")).Should().Be(true, "the retired table is dropped");
        (await TestPostgres.Scalar($"select count(*) from {_schema}.proj_creator_drops")).Should().Be(0L, "its rows are replayed, not added to");
        (await TestPostgres.Scalar($"select count(*) from {_schema}.mt_event_progression where name = 'creator-leaderboard:All'")).Should().Be(0L,
            "the daemon starts the projection from the first event");
        (await TestPostgres.Scalar($"select last_seq_id from {_schema}.mt_event_progression where name = 'drop-timeline:All'")).Should().Be(500L,
            "a projection whose storage did not change keeps its place");

        await TestPostgres.Execute($"insert into {_schema}.mt_event_progression (name, last_seq_id) values ('creator-leaderboard:All', 40)");
        await ProjectionUpgrade.Run(_store, NullLogger.Instance, CancellationToken.None);
        (await TestPostgres.Scalar($"select last_seq_id from {_schema}.mt_event_progression where name = 'creator-leaderboard:All'")).Should().Be(40L,
            "once the old table is gone, a later start replays nothing");
    }
}
