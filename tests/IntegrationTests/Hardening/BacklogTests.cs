using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Rejections;
using Npgsql;

namespace MicroEvents.IntegrationTests.Hardening;

public class SmallBacklogCluster : DropCluster
{
    protected override void Configure(JournalOptions journal) => journal.MaxUnconfirmedEvents = 3;
}

/// <summary>While storage is slow, a drop holds at most a bounded number of unstored events; beyond it, 503 at once.</summary>
public class BacklogTests(SmallBacklogCluster cluster) : IClassFixture<SmallBacklogCluster>
{
    [Fact]
    public async Task claims_beyond_the_backlog_bound_are_refused_as_unavailable_and_the_waiting_ones_still_commit()
    {
        var drop = await cluster.Client.OpenDrop(Samples.Drop(Samples.NewId("backlog"), supply: 10));
        await using var blocker = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await blocker.OpenAsync();
        var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand($"lock table {cluster.Schema}.mt_streams in exclusive mode", blocker, hold))
            await lockTable.ExecuteNonQueryAsync();

        var waiting = Enumerable.Range(0, 3).Select(i => drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null))).ToArray();
        // Give the three calls time to be decided (they cannot finish: the table is locked).
        await Task.WhenAny(Task.WhenAll(waiting), Task.Delay(300));
        var beyond = async () => await drop.Claim(new ClaimToken("c3", Samples.Wallet(3), null)).WaitAsync(TimeSpan.FromSeconds(2));

        (await beyond.Should().ThrowAsync<Rejected>()).Which.Code.Should().Be(RejectionCodes.Unavailable);
        await hold.RollbackAsync();
        (await Task.WhenAll(waiting)).Select(o => o.Receipt.TokenNumber).Should().BeEquivalentTo(new long[] { 1, 2, 3 });
        (await drop.Claim(new ClaimToken("c3", Samples.Wallet(3), null))).Receipt.TokenNumber.Should().Be(4);
    }
}
