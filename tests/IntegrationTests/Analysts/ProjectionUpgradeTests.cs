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
public class ProjectionUpgradeTests : NewJournalSchema
{
    [Fact]
    public async Task a_projection_next_to_its_retired_table_is_set_back_to_the_first_event_once()
    {
        await TestPostgres.Execute($"""
            create table {Schema}.proj_creator_wallets (creator varchar not null, wallet varchar not null, primary key (creator, wallet));
            insert into {Schema}.proj_creator_wallets values ('0xc0ffee', '0x01');
            insert into {Schema}.proj_creator_drops values ('summer', '0xc0ffee', 7);
            insert into {Schema}.mt_event_progression (name, last_seq_id) values ('creator-leaderboard:All', 500), ('drop-timeline:All', 500);
            """);

        await ProjectionUpgrade.Run(Store, NullLogger.Instance, CancellationToken.None);

        (await TestPostgres.Scalar($"select to_regclass('{Schema}.proj_creator_wallets') is null")).Should().Be(true, "the retired table is dropped");
        (await TestPostgres.Scalar($"select count(*) from {Schema}.proj_creator_drops")).Should().Be(0L, "its rows are replayed, not added to");
        (await TestPostgres.Scalar($"select count(*) from {Schema}.mt_event_progression where name = 'creator-leaderboard:All'")).Should().Be(0L,
            "the daemon starts the projection from the first event");
        (await TestPostgres.Scalar($"select last_seq_id from {Schema}.mt_event_progression where name = 'drop-timeline:All'")).Should().Be(500L,
            "a projection whose storage did not change keeps its place");

        await TestPostgres.Execute($"insert into {Schema}.mt_event_progression (name, last_seq_id) values ('creator-leaderboard:All', 40)");
        await ProjectionUpgrade.Run(Store, NullLogger.Instance, CancellationToken.None);
        (await TestPostgres.Scalar($"select last_seq_id from {Schema}.mt_event_progression where name = 'creator-leaderboard:All'")).Should().Be(40L,
            "once the old table is gone, a later start replays nothing");
    }
}
