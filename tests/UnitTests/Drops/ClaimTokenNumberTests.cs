using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

public class ClaimTokenNumberTests
{
    [Fact]
    public void tokens_are_numbered_one_to_supply_without_gaps_in_the_order_claims_are_accepted()
    {
        var drop = Given.Open(Given.Manifest with { Supply = 50 });
        var numbers = new List<long>();

        for (var i = 1; i <= 50; i++)
        {
            var decision = drop.Claim($"claim-{i}", Wallet.Numbered(i));
            numbers.Add(decision.Result.Receipt.TokenNumber);
            decision.Events.Should().ContainSingle().Which.Should().BeOfType<TokenMinted>()
                .Which.TokenNumber.Should().Be(decision.Result.Receipt.TokenNumber);
            drop = drop.After(decision);
        }

        numbers.Should().Equal(Enumerable.Range(1, 50).Select(n => (long)n));
        drop.Minted.Should().Be(50);
    }

    [Fact]
    public void a_claim_after_the_last_token_is_rejected_as_sold_out()
    {
        var drop = Given.Open(Given.Manifest with { Supply = 3 })
            .Claimed("c1", Wallet.Alice)
            .Claimed("c2", Wallet.Bob)
            .Claimed("c3", Wallet.Carol);

        Rejection.Of(() => drop.Claim("c4", Wallet.Dave)).Code.Should().Be(RejectionCodes.SoldOut);
    }

    [Fact]
    public void rejected_claims_do_not_use_up_token_numbers()
    {
        var drop = Given.Open().Claimed("c1", Wallet.Alice);
        Rejection.Of(() => drop.Claim("c2", Wallet.Alice)).Code.Should().Be(RejectionCodes.WalletLimitReached);
        Rejection.Of(() => drop.Claim("c3", "0xnot-a-wallet")).Code.Should().Be(RejectionCodes.InvalidWallet);

        drop.Claim("c4", Wallet.Bob).Result.Receipt.TokenNumber.Should().Be(2);
    }

    [Fact]
    public void the_receipt_names_the_drop_the_claim_the_checksummed_wallet_and_the_time_of_the_claim()
    {
        var outcome = Given.Open().Claim("c1", Wallet.Bob.ToLowerInvariant(), at: At.Claiming).Result;

        outcome.Replayed.Should().BeFalse();
        outcome.Receipt.Should().Be(new ClaimReceipt("c1", "summer-jam", 1, Wallet.Bob, null, At.Claiming, Given.Open().Manifest!.ManifestHash));
    }

    [Fact]
    public void the_minted_event_records_the_same_facts_as_the_receipt()
    {
        var decision = Given.Open().Claim("c1", Wallet.Bob.ToUpperInvariant().Replace("0X", "0x"));

        decision.Events.Should().Equal(new TokenMinted("c1", 1, Wallet.Bob, null, At.Claiming));
    }
}
