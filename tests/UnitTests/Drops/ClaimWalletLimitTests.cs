using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

public class ClaimWalletLimitTests
{
    [Fact]
    public void a_second_claim_from_the_same_wallet_is_rejected_as_wallet_limit_reached()
    {
        var drop = Given.Open().Claimed("c1", Wallet.Alice);

        Rejection.Of(() => drop.Claim("c2", Wallet.Alice)).Code.Should().Be(RejectionCodes.WalletLimitReached);
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    public void the_same_wallet_written_in_another_letter_case_counts_against_the_same_limit(string sameWalletOtherCase)
    {
        var drop = Given.Open().Claimed("c1", Wallet.Alice);

        Rejection.Of(() => drop.Claim("c2", sameWalletOtherCase)).Code.Should().Be(RejectionCodes.WalletLimitReached);
    }

    [Fact]
    public void a_wallet_first_seen_in_lower_case_is_limited_when_it_comes_back_checksummed()
    {
        var drop = Given.Open().Claimed("c1", Wallet.Alice.ToLowerInvariant());

        Rejection.Of(() => drop.Claim("c2", Wallet.Alice)).Code.Should().Be(RejectionCodes.WalletLimitReached);
    }

    [Fact]
    public void a_wallet_may_claim_up_to_the_per_wallet_limit_and_no_more()
    {
        var drop = Given.Open(Given.Manifest with { PerWalletLimit = 3 })
            .Claimed("c1", Wallet.Alice)
            .Claimed("c2", Wallet.Alice.ToLowerInvariant())
            .Claimed("c3", Wallet.Alice);

        drop.Minted.Should().Be(3);
        Rejection.Of(() => drop.Claim("c4", Wallet.Alice)).Code.Should().Be(RejectionCodes.WalletLimitReached);
    }

    [Fact]
    public void one_wallet_reaching_its_limit_does_not_limit_other_wallets()
    {
        var drop = Given.Open().Claimed("c1", Wallet.Alice);

        drop.Claim("c2", Wallet.Bob).Result.Receipt.TokenNumber.Should().Be(2);
    }

    [Fact]
    public void the_limit_counts_claims_across_all_tiers()
    {
        var drop = Given.Open(Given.Manifest with { PerWalletLimit = 2, Tiers = [new("VIP", 5)] })
            .Claimed("c1", Wallet.Alice, "VIP")
            .Claimed("c2", Wallet.Alice);

        Rejection.Of(() => drop.Claim("c3", Wallet.Alice, "VIP")).Code.Should().Be(RejectionCodes.WalletLimitReached);
    }
}
