using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.EventSourcing;

public class SnapshottingCluster : DropCluster
{
    protected override int SnapshotEvery => 100;
}

[Collection(SnapshottingCollection.Name)]
public class ReactivationTests(SnapshottingCluster cluster)
{
    [Fact]
    public async Task a_deactivated_drop_comes_back_with_the_same_state_from_snapshot_plus_tail()
    {
        var id = Samples.NewId("react");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 1_000));
        for (var i = 0; i < 250; i++) await drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null));
        var before = await drop.GetSummary();
        var receiptBefore = await drop.GetClaim("c150");

        await cluster.Cluster.DeactivateAsync(drop);
        var after = await drop.GetSummary();
        var stats = await drop.GetJournalStats();

        after.Should().BeEquivalentTo(before);
        stats.SnapshotVersion.Should().Be(200, "252 events, a snapshot every 100 and one claim per append");
        stats.EventsReadOnActivation.Should().Be(52, "only the tail after the snapshot is folded");
        (await drop.GetClaim("c7")).TokenNumber.Should().Be(8);
        (await drop.GetClaim("c150")).Should().Be(receiptBefore, "a receipt read back from a snapshot is identical");
        (await drop.Claim(new ClaimToken("c9", Samples.Wallet(9), null))).Replayed.Should().BeTrue();
        var wallet3Again = () => drop.Claim(new ClaimToken("new", Samples.Wallet(3).ToUpperInvariant().Replace("0X", "0x"), null));
        (await wallet3Again.Should().ThrowAsync<MicroEvents.Rejections.Rejected>()).Which.Code.Should().Be("wallet-limit-reached");
    }

    [Fact]
    public async Task a_restarted_cluster_serves_the_same_drop_and_keeps_numbering_gapless()
    {
        var id = Samples.NewId("restart");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 50));
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null))));
        var before = await drop.GetSummary();

        await cluster.Restart();
        drop = cluster.Client.GetGrain<IDropGrain>(id);

        (await drop.GetSummary()).Should().BeEquivalentTo(before);
        var next = await drop.Claim(new ClaimToken("after-restart", Samples.Wallet(999), null));
        next.Receipt.TokenNumber.Should().Be(31);
        var replay = await drop.Claim(new ClaimToken("c3", Samples.Wallet(3), null));
        replay.Replayed.Should().BeTrue();
    }

    [Fact]
    public async Task without_a_snapshot_reactivation_folds_the_whole_stream()
    {
        var id = Samples.NewId("nosnap");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 100));
        for (var i = 0; i < 40; i++) await drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null));

        await cluster.Cluster.DeactivateAsync(drop);
        var stats = await drop.GetJournalStats();

        stats.SnapshotVersion.Should().BeNull();
        stats.EventsReadOnActivation.Should().Be(42);
        stats.Version.Should().Be(42);
    }
}
