using MicroEvents.Drops;

namespace MicroEvents.UnitTests.Drops;

public class DropSummaryTests
{
    private static readonly CreateDrop Manifest = Given.Manifest with
    {
        Supply = 4,
        PerWalletLimit = 2,
        StartsAt = At.WindowStarts,
        EndsAt = At.WindowEnds,
        Tiers = [new("VIP", 2), new("Early Bird", 1)],
    };

    [Fact]
    public void a_new_drop_summarises_its_manifest_with_nothing_minted()
    {
        var draft = Given.Draft(Manifest);

        var summary = draft.Summary(version: 1);

        summary.Should().BeEquivalentTo(new DropSummary(
            "summer-jam", "Summer Jam", Wallet.Alice, DropStatus.Draft, Supply: 4, Minted: 0, Remaining: 4, PerWalletLimit: 2,
            At.WindowStarts, At.WindowEnds, [new("VIP", 2, 0), new("Early Bird", 1, 0)], draft.Manifest!.ManifestHash, Version: 1));
    }

    [Fact]
    public void the_summary_counts_minted_and_remaining_tokens_overall_and_per_tier()
    {
        var drop = Given.Open(Manifest)
            .Claimed("c1", Wallet.Alice, "VIP", At.Claiming)
            .Claimed("c2", Wallet.Bob, "vip", At.Claiming)
            .Claimed("c3", Wallet.Carol, at: At.Claiming);

        var summary = drop.Summary(version: 5);

        summary.Status.Should().Be(DropStatus.Open);
        summary.Minted.Should().Be(3);
        summary.Remaining.Should().Be(1);
        summary.Tiers.Should().Equal(new TierSummary("VIP", 2, 2), new TierSummary("Early Bird", 1, 0));
    }

    [Fact]
    public void the_summary_reports_the_version_it_is_given() =>
        Given.Open(Manifest).Summary(version: 42).Version.Should().Be(42);

    [Fact]
    public void an_open_drop_with_every_token_minted_is_sold_out()
    {
        var drop = Given.Open(Manifest)
            .Claimed("c1", Wallet.Alice, "VIP", At.Claiming).Claimed("c2", Wallet.Alice, "Early Bird", At.Claiming)
            .Claimed("c3", Wallet.Bob, at: At.Claiming).Claimed("c4", Wallet.Bob, "VIP", At.Claiming);

        var summary = drop.Summary(version: 6);

        summary.Status.Should().Be(DropStatus.SoldOut);
        summary.Minted.Should().Be(4);
        summary.Remaining.Should().Be(0);
    }

    [Fact]
    public void a_sold_out_drop_that_is_paused_or_closed_says_so_rather_than_sold_out()
    {
        var soldOut = Given.Open(Given.Manifest with { Supply = 1 }).Claimed("c1", Wallet.Alice);

        soldOut.After(DropDecisions.Pause(soldOut, At.Later)).Status.Should().Be(DropStatus.Paused);
        soldOut.After(DropDecisions.Close(soldOut, At.Later)).Status.Should().Be(DropStatus.Closed);
    }

    [Fact]
    public void each_phase_has_its_status()
    {
        Given.Draft().Status.Should().Be(DropStatus.Draft);
        Given.Open().Status.Should().Be(DropStatus.Open);
        Given.Paused().Status.Should().Be(DropStatus.Paused);
        Given.Closed().Status.Should().Be(DropStatus.Closed);
    }
}
