using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

public class ClaimReplayTests
{
    private static readonly CreateDrop TieredManifest = Given.Manifest with { Supply = 2, Tiers = [new("VIP", 1)] };

    [Fact]
    public void a_retried_claim_returns_the_original_receipt_and_mints_nothing()
    {
        var first = Given.Open().Claim("c1", Wallet.Alice, at: At.Claiming);
        var drop = Given.Open().After(first);

        var retry = drop.Claim("c1", Wallet.Alice, at: At.Claiming.AddMinutes(5));

        retry.Events.Should().BeEmpty();
        retry.Result.Replayed.Should().BeTrue();
        retry.Result.Receipt.Should().Be(first.Result.Receipt);
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "vip")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", "VIP")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "Vip")]
    public void a_retry_that_writes_the_wallet_or_tier_in_another_letter_case_is_still_the_same_claim(string wallet, string tier)
    {
        var drop = Given.Open(TieredManifest);
        var first = drop.Claim("c1", Wallet.Alice, "VIP");

        var retry = drop.After(first).Claim("c1", wallet, tier);

        retry.Result.Should().Be(new ClaimOutcome(first.Result.Receipt, Replayed: true));
        retry.Events.Should().BeEmpty();
    }

    [Fact]
    public void a_retry_after_the_drop_is_closed_still_returns_the_original_receipt()
    {
        var drop = Given.Open().Claimed("c1", Wallet.Alice);
        var closed = drop.After(DropDecisions.Close(drop, At.Later));

        var retry = closed.Claim("c1", Wallet.Alice, at: At.Later);

        retry.Result.Replayed.Should().BeTrue();
        retry.Result.Receipt.TokenNumber.Should().Be(1);
        retry.Events.Should().BeEmpty();
    }

    [Fact]
    public void a_retry_after_the_drop_is_paused_still_returns_the_original_receipt()
    {
        var drop = Given.Open().Claimed("c1", Wallet.Alice);
        var paused = drop.After(DropDecisions.Pause(drop, At.Later));

        paused.Claim("c1", Wallet.Alice).Result.Replayed.Should().BeTrue();
    }

    [Fact]
    public void a_retry_after_the_window_ended_still_returns_the_original_receipt()
    {
        var drop = Given.Open(Given.Manifest with { EndsAt = At.WindowEnds }).Claimed("c1", Wallet.Alice, at: At.Claiming);

        drop.Claim("c1", Wallet.Alice, at: At.Later).Result.Replayed.Should().BeTrue();
    }

    [Fact]
    public void a_retry_after_the_drop_sold_out_still_returns_the_original_receipt()
    {
        var soldOut = Given.Open(Given.Manifest with { Supply = 2 }).Claimed("c1", Wallet.Alice).Claimed("c2", Wallet.Bob);

        var retry = soldOut.Claim("c2", Wallet.Bob);

        retry.Result.Replayed.Should().BeTrue();
        retry.Result.Receipt.TokenNumber.Should().Be(2);
    }

    [Fact]
    public void a_retry_of_a_tier_claim_after_the_tier_sold_out_still_returns_the_original_receipt() =>
        Given.Open(TieredManifest).Claimed("c1", Wallet.Alice, "VIP")
            .Claim("c1", Wallet.Alice, "VIP").Result.Replayed.Should().BeTrue();

    [Fact]
    public void reusing_a_claim_id_for_another_wallet_is_rejected_as_claim_id_conflict()
    {
        var drop = Given.Open().Claimed("c1", Wallet.Alice);

        Rejection.Of(() => drop.Claim("c1", Wallet.Bob)).Code.Should().Be(RejectionCodes.ClaimIdConflict);
    }

    [Fact]
    public void reusing_a_claim_id_for_another_tier_is_rejected_as_claim_id_conflict()
    {
        var drop = Given.Open(Given.Manifest with { Tiers = [new("VIP", 2), new("Early Bird", 2)] }).Claimed("c1", Wallet.Alice, "VIP");

        Rejection.Of(() => drop.Claim("c1", Wallet.Alice, "Early Bird")).Code.Should().Be(RejectionCodes.ClaimIdConflict);
    }

    [Fact]
    public void reusing_a_tier_claim_id_without_a_tier_is_rejected_as_claim_id_conflict()
    {
        var drop = Given.Open(TieredManifest).Claimed("c1", Wallet.Alice, "VIP");

        Rejection.Of(() => drop.Claim("c1", Wallet.Alice)).Code.Should().Be(RejectionCodes.ClaimIdConflict);
    }

    [Theory]
    [InlineData("VIP")]
    [InlineData("Backstage")]
    public void reusing_an_untiered_claim_id_with_a_tier_is_rejected_as_claim_id_conflict(string tier)
    {
        var drop = Given.Open(TieredManifest).Claimed("c1", Wallet.Alice);

        Rejection.Of(() => drop.Claim("c1", Wallet.Alice, tier)).Code.Should().Be(RejectionCodes.ClaimIdConflict);
    }
}
