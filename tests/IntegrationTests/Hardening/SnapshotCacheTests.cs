using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>A snapshot is only a cache: unreadable, foreign or too-new snapshots are ignored, never fatal.</summary>
[Collection(SnapshottingCollection.Name)]
public class SnapshotCacheTests(SnapshottingCluster cluster)
{
    [Fact]
    public async Task an_unreadable_snapshot_is_ignored_and_the_drop_folds_from_its_stream()
    {
        var (drop, id, before) = await DropWithClaims("corrupt", 12);
        await StoreSnapshot(id, "DropState.v2", 12, """{"manifest": 42, "claimIds": "not a list"}""");

        await cluster.Cluster.DeactivateAsync(drop);

        (await drop.GetSummary()).Should().BeEquivalentTo(before);
        (await drop.GetJournalStats()).EventsReadOnActivation.Should().Be(14);
        (await drop.Claim(new ClaimToken("next", Samples.Wallet(500), null))).Receipt.TokenNumber.Should().Be(13);
    }

    [Fact]
    public async Task a_snapshot_ahead_of_its_stream_is_ignored_and_appends_go_on()
    {
        var (drop, id, before) = await DropWithClaims("ahead", 5);
        var read = await cluster.Journal().Read<DropState, DropEvent>($"drop/{id}");
        await cluster.Journal().SaveSnapshot($"drop/{id}", 1_000, read.State, DateTimeOffset.UnixEpoch);

        await cluster.Cluster.DeactivateAsync(drop);

        (await drop.GetSummary()).Version.Should().Be(before.Version);
        (await drop.Claim(new ClaimToken("next", Samples.Wallet(500), null)).WaitAsync(TimeSpan.FromSeconds(5)))
            .Receipt.TokenNumber.Should().Be(6);
    }

    [Fact]
    public async Task an_older_snapshot_never_overwrites_a_newer_one()
    {
        var (_, id, _) = await DropWithClaims("older", 3);
        var journal = cluster.Journal();
        var read = await journal.Read<DropState, DropEvent>($"drop/{id}");

        await journal.SaveSnapshot($"drop/{id}", 5, read.State, DateTimeOffset.UnixEpoch);
        await journal.SaveSnapshot($"drop/{id}", 4, DropState.Initial, DateTimeOffset.UnixEpoch);

        await using var session = cluster.Store.QuerySession();
        (await session.LoadAsync<ActorSnapshot>($"drop/{id}"))!.Version.Should().Be(5);
    }

    private async Task<(IDropGrain Drop, string Id, DropSummary Before)> DropWithClaims(string prefix, int claims)
    {
        var id = Samples.NewId(prefix);
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 1_000));
        for (var i = 0; i < claims; i++) await drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null));
        return (drop, id, await drop.GetSummary());
    }

    private async Task StoreSnapshot(string id, string stateType, long version, string stateJson)
    {
        await using var session = cluster.Store.LightweightSession();
        session.Store(new ActorSnapshot { Id = $"drop/{id}", Version = version, StateType = stateType, State = JsonDocument.Parse(stateJson).RootElement.Clone() });
        await session.SaveChangesAsync();
    }
}
