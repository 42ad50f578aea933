using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>
/// PostgreSQL committed a batch but the reply was lost. The journal must recognise its own batch
/// before writing again; the stream must hold every mint exactly once (DESIGN.md, "Known traps").
/// </summary>
[Collection(SharedDropCluster.Name)]
public class LostCommitReplyTests(DropCluster cluster)
{
    [Fact]
    public async Task a_lost_reply_is_recognised_by_its_batch_and_nothing_is_minted_twice()
    {
        var (drop, id) = await OpenDrop();
        cluster.Faults.LoseRepliesOfNextCommits(1);

        var outcomes = await ClaimConcurrently(drop, 200);

        cluster.Faults.RepliesLost.Should().Be(1);
        outcomes.Should().NotContain(o => o.Replayed, "the journal saw its own batch in the stream and reported success");
        await AssertEachMintOnce(id, outcomes.Select(o => o.Receipt).ToArray());
    }

    [Fact]
    public async Task when_the_landing_check_fails_too_the_journal_checks_again_once_storage_answers()
    {
        var (drop, id) = await OpenDrop();
        cluster.Faults.LoseRepliesOfNextCommits(1);
        cluster.Faults.FailNextCommitChecks(1);

        var outcomes = await ClaimConcurrently(drop, 200);

        cluster.Faults.RepliesLost.Should().Be(1);
        await AssertEachMintOnce(id, outcomes.Select(o => o.Receipt).ToArray());
        (await drop.GetSummary()).Minted.Should().Be(200);
    }

    private async Task<(IDropGrain, string)> OpenDrop()
    {
        var id = Samples.NewId("lost");
        return (await cluster.Client.OpenDrop(Samples.Drop(id, supply: 1_000)), id);
    }

    private static Task<ClaimOutcome[]> ClaimConcurrently(IDropGrain drop, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => ClaimLikeAPhone(drop, new ClaimToken($"c{i}", Samples.Wallet(i), null))));

    // A failed landing check briefly opens the storage breaker: claims arriving then are told "unavailable"
    // and, like a phone, retry with the same claim id (their first answer may then be a replay).
    private static async Task<ClaimOutcome> ClaimLikeAPhone(IDropGrain drop, ClaimToken claim)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await drop.Claim(claim);
            }
            catch (MicroEvents.Rejections.Rejected r) when (r.Code == MicroEvents.Rejections.RejectionCodes.Unavailable && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private async Task AssertEachMintOnce(string id, ClaimReceipt[] receipts)
    {
        receipts.Select(r => r.TokenNumber).Should().OnlyHaveUniqueItems();
        var stream = await cluster.Journal().Read<DropState, DropEvent>($"drop/{id}");
        stream.Version.Should().Be(2 + receipts.Length);

        await using var session = cluster.Store.QuerySession();
        var mints = (await session.Events.FetchStreamAsync($"drop/{id}")).Select(e => e.Data).OfType<TokenMinted>().ToList();
        mints.Select(m => m.ClaimId).Should().OnlyHaveUniqueItems().And.HaveCount(receipts.Length);
        mints.Select(m => m.TokenNumber).Should().Equal(Enumerable.Range(1, receipts.Length).Select(n => (long)n));
        receipts.Should().BeEquivalentTo(mints.Select(m => new ClaimReceipt(m.ClaimId, id, m.TokenNumber, m.Wallet, m.Tier, m.ClaimedAt)),
            o => o.Excluding(r => r.ManifestHash));
    }
}
