using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.UnitTests.Drops;
using MicroEvents.Venues;

namespace MicroEvents.UnitTests.Venues;

/// <summary>A drop's reserved quota counts against supply: online claims and voucher mints never exceed it together.</summary>
public class QuotaDecisionTests
{
    [Fact]
    public void reserved_tokens_are_not_for_online_claims()
    {
        var state = Given.Open(); // supply 10
        state = state.After(QuotaDecisions.Allocate(state, "kiosk", "a1", 8, At.Claiming));
        state = state.Claimed("c1", Wallet.Alice).Claimed("c2", Wallet.Bob);

        Rejection.Of(() => state.Claim("c3", Wallet.Carol)).Code.Should().Be("sold-out");
        state.Summary(1).Remaining.Should().Be(0);
        state.Status.Should().Be(DropStatus.SoldOut);
    }

    [Fact]
    public void an_allocation_beyond_what_is_unclaimed_and_unreserved_is_refused_and_a_retry_changes_nothing()
    {
        var state = Given.Open().Claimed("c1", Wallet.Alice);
        var allocated = QuotaDecisions.Allocate(state, "kiosk", "a1", 6, At.Claiming);
        state = state.After(allocated);

        QuotaDecisions.Allocate(state, "kiosk", "a1", 6, At.Claiming).Events.Should().BeEmpty();
        Rejection.Of(() => QuotaDecisions.Allocate(state, "other", "a2", 4, At.Claiming)).Code.Should().Be(VenueRejectionCodes.QuotaUnavailable);
        QuotaDecisions.Allocate(state, "other", "a2", 3, At.Claiming).Result.Held.Should().Be(3);
    }

    [Fact]
    public void vouchers_mint_from_the_nodes_quota_once_and_closing_the_drop_returns_the_rest()
    {
        var state = Given.Open();
        state = state.After(QuotaDecisions.Allocate(state, "kiosk", "a1", 3, At.Claiming));
        VoucherMint[] mints = [new("v1", 1, Wallet.Alice, false), new("v2", 2, Wallet.Bob, false)];

        var redeemed = QuotaDecisions.Redeem(state, "kiosk", mints, At.Claiming);
        state = state.After(redeemed);
        var again = QuotaDecisions.Redeem(state, "kiosk", mints, At.Claiming);

        redeemed.Result.Select(r => r.TokenNumber).Should().Equal(1, 2);
        again.Events.Should().BeEmpty("a retried reconciliation replays the same tokens");
        again.Result.Select(r => r.TokenNumber).Should().Equal(1, 2);
        state.Quotas.Of("kiosk").Held.Should().Be(1);
        DropDecisions.Close(state, At.Later).Events.OfType<QuotaReturned>().Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { NodeId = "kiosk", Tokens = 1, Reason = "drop-closed" });
    }

    [Fact]
    public void a_node_cannot_mint_more_than_it_holds_or_past_the_wallet_limit()
    {
        var state = Given.Open();
        state = state.After(QuotaDecisions.Allocate(state, "kiosk", "a1", 1, At.Claiming)).Claimed("c1", Wallet.Alice);

        var results = QuotaDecisions.Redeem(state, "kiosk", [new("v1", 1, Wallet.Alice, false), new("v2", 2, Wallet.Bob, false), new("v3", 3, Wallet.Carol, false)], At.Claiming).Result;

        results.Select(r => r.Reason).Should().Equal(VoucherRejections.WalletLimitReached, null, VoucherRejections.NoQuotaHeld);
    }
}
