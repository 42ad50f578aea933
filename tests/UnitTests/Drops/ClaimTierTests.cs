using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

public class ClaimTierTests
{
    /// <summary>Supply 5: two VIP tokens, one Early Bird token, two untiered tokens.</summary>
    private static readonly DropState Drop = Given.Open(Given.Manifest with
    {
        Supply = 5,
        Tiers = [new("VIP", 2), new("Early Bird", 1)],
    });

    [Fact]
    public void a_tier_name_matches_ignoring_case_and_the_receipt_carries_the_manifests_spelling()
    {
        var decision = Drop.Claim("c1", Wallet.Alice, tier: "early BIRD");

        decision.Result.Receipt.Tier.Should().Be("Early Bird");
        decision.Events.Should().ContainSingle().Which.Should().BeOfType<TokenMinted>().Which.Tier.Should().Be("Early Bird");
    }

    [Fact]
    public void a_claim_for_a_tier_the_drop_does_not_have_is_rejected_as_tier_not_found() =>
        Rejection.Of(() => Drop.Claim("c1", Wallet.Alice, tier: "Backstage")).Code.Should().Be(RejectionCodes.TierNotFound);

    [Fact]
    public void a_claim_for_a_tier_whose_allocation_is_used_up_is_rejected_as_tier_sold_out()
    {
        var drop = Drop.Claimed("c1", Wallet.Alice, "VIP").Claimed("c2", Wallet.Bob, "vip");

        Rejection.Of(() => drop.Claim("c3", Wallet.Carol, "VIP")).Code.Should().Be(RejectionCodes.TierSoldOut);
    }

    [Fact]
    public void a_sold_out_tier_leaves_the_other_tiers_and_the_untiered_remainder_claimable()
    {
        var drop = Drop.Claimed("c1", Wallet.Alice, "VIP").Claimed("c2", Wallet.Bob, "VIP");

        drop.Claim("c3", Wallet.Carol, "Early Bird").Result.Receipt.TokenNumber.Should().Be(3);
        drop.Claim("c3", Wallet.Carol).Result.Receipt.TokenNumber.Should().Be(3);
    }

    [Fact]
    public void an_untiered_claim_once_the_untiered_remainder_is_gone_is_rejected_as_sold_out_while_tiers_still_mint()
    {
        var drop = Drop.Claimed("c1", Wallet.Alice).Claimed("c2", Wallet.Bob);

        Rejection.Of(() => drop.Claim("c3", Wallet.Carol)).Code.Should().Be(RejectionCodes.SoldOut);
        drop.Claim("c3", Wallet.Carol, "VIP").Result.Receipt.TokenNumber.Should().Be(3);
    }

    [Fact]
    public void a_drop_whose_tiers_take_the_whole_supply_has_no_untiered_tokens()
    {
        var drop = Given.Open(Given.Manifest with { Supply = 2, Tiers = [new("VIP", 2)] });

        Rejection.Of(() => drop.Claim("c1", Wallet.Alice)).Code.Should().Be(RejectionCodes.SoldOut);
    }

    [Fact]
    public void a_tier_claim_on_a_sold_out_drop_is_rejected_as_sold_out()
    {
        var drop = Drop
            .Claimed("c1", Wallet.Alice, "VIP").Claimed("c2", Wallet.Bob, "VIP").Claimed("c3", Wallet.Carol, "Early Bird")
            .Claimed("c4", Wallet.Dave).Claimed("c5", Wallet.Numbered(5));

        Rejection.Of(() => drop.Claim("c6", Wallet.Numbered(6), "VIP")).Code.Should().Be(RejectionCodes.SoldOut);
    }
}
