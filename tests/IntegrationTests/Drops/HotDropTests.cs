using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Rejections;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Drops;

[Collection(SharedDropCluster.Name)]
public class HotDropTests(DropCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task four_thousand_concurrent_claims_on_a_thousand_supply_mint_exactly_one_thousand_gapless_tokens()
    {
        var id = Samples.NewId("hot");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 1_000));

        var attempts = Enumerable.Range(0, 4_000).Select(async i =>
        {
            try { return (Token: (await drop.Claim(new ClaimToken($"claim-{i}", Samples.Wallet(i), null))).Receipt.TokenNumber, Code: (string?)null); }
            catch (Rejected r) { return (Token: 0L, Code: r.Code); }
        });
        var results = await Task.WhenAll(attempts);

        var tokens = results.Where(r => r.Code is null).Select(r => r.Token).ToList();
        tokens.Should().HaveCount(1_000);
        tokens.Order().Should().Equal(Enumerable.Range(1, 1_000).Select(n => (long)n));
        results.Where(r => r.Code is not null).Select(r => r.Code).Distinct().Should().Equal(RejectionCodes.SoldOut);

        var summary = await drop.GetSummary();
        summary.Status.Should().Be(DropStatus.SoldOut);
        summary.Minted.Should().Be(1_000);
        summary.Version.Should().Be(1_002);

        // The stream is the truth: created + opened + one event per mint, each claim once.
        await using var session = cluster.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync($"drop/{id}");
        stream.Should().HaveCount(1_002);
        var mints = stream.Select(e => e.Data).OfType<TokenMinted>().ToList();
        mints.Select(m => m.ClaimId).Should().OnlyHaveUniqueItems();
        mints.Select(m => m.TokenNumber).Should().Equal(Enumerable.Range(1, 1_000).Select(n => (long)n));
        stream.Select(e => e.CorrelationId).Skip(2).Should().Equal(mints.Select(m => m.ClaimId));

        // Group commit: far fewer appends (one transaction each) than mints.
        var appends = stream.Skip(2).Select(e => AppendBatch.Of(e.Id)).Distinct().Count();
        output.WriteLine($"1,000 mints in {appends} appends");
        appends.Should().BeLessThan(250, "claims arriving during an append share the next one");

        // A fresh fold of the stream outside the cluster gives the same summary.
        var fresh = await cluster.Journal().Read<DropState, DropEvent>($"drop/{id}");
        fresh.State.Summary(fresh.Version).Should().BeEquivalentTo(summary);
    }
}
