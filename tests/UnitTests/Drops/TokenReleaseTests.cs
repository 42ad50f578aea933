using System.Text.Json;
using MicroEvents.Claims;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

/// <summary>A released token goes back to the drop: the next claimant gets that number before a new one.</summary>
public class TokenReleaseTests
{
    private static readonly CreateDrop Three = Given.Manifest with { Supply = 3 };

    [Fact]
    public void the_next_claimant_receives_the_released_number_before_a_new_one_and_the_released_claim_holds_nothing()
    {
        var state = Given.Open(Three).Claimed("c1", Wallet.Alice).Claimed("c2", Wallet.Bob);

        var release = DropDecisions.Release(state, "c1", At.Claiming);
        release.Events.Should().Equal(new TokenReleased("c1", 1, At.Claiming));
        state = state.After(release);
        DropDecisions.Release(state, "c1", At.Claiming).Events.Should().BeEmpty("releasing again changes nothing");
        state.Summary(0).Should().BeEquivalentTo(new { Minted = 1L, Remaining = 2L });

        state.Claim("c3", Wallet.Carol).Result.Receipt.TokenNumber.Should().Be(1);
        state = state.Claimed("c3", Wallet.Carol).Claimed("c4", Wallet.Dave);
        state.Claims.TryFind("c4", out var c4).Should().BeTrue();
        state.Receipt(c4).TokenNumber.Should().Be(3);
        Rejection.Of(() => state.Claim("c5", Wallet.Numbered(5))).Code.Should().Be(RejectionCodes.SoldOut);

        Rejection.Of(() => DropDecisions.HeldClaim(state, "c1")).Code.Should().Be(ClaimRejectionCodes.TokenReleased);
        Rejection.Of(() => state.Claim("c1", Wallet.Alice)).Code.Should().Be(ClaimRejectionCodes.TokenReleased);
        DropDecisions.HeldClaim(state, "c3").Should().BeEquivalentTo(new { TokenNumber = 1L, Wallet = Wallet.Carol });
        state.Claim("c3", Wallet.Carol).Result.Replayed.Should().BeTrue();
    }

    [Fact]
    public void a_wallet_whose_token_was_released_may_claim_again_within_its_limit()
    {
        var state = Given.Open(Three).Claimed("c1", Wallet.Alice);
        Rejection.Of(() => state.Claim("c2", Wallet.Alice)).Code.Should().Be(RejectionCodes.WalletLimitReached);

        state = state.After(DropDecisions.Release(state, "c1", At.Claiming));

        state.Claim("c2", Wallet.Alice).Result.Receipt.TokenNumber.Should().Be(1);
    }

    [Fact]
    public void releasing_an_unknown_claim_is_not_found()
    {
        Rejection.Of(() => DropDecisions.Release(Given.Open(Three), "nope", At.Claiming)).Code.Should().Be(RejectionCodes.ClaimNotFound);
    }

    [Fact]
    public void a_snapshot_keeps_releases_re_issued_numbers_and_the_queue_of_returned_numbers()
    {
        var state = Given.Open(Given.Manifest with { Supply = 5, PerWalletLimit = 5 });
        foreach (var c in new[] { "a", "b", "c", "d" }) state = state.Claimed(c, Wallet.Alice);
        foreach (var c in new[] { "b", "a", "d" }) state = state.After(DropDecisions.Release(state, c, At.Claiming));
        state = state.Claimed("e", Wallet.Bob); // receives 2, the first number returned

        var back = JsonSerializer.Deserialize<DropState>(JsonSerializer.Serialize(state))!;

        back.Summary(9).Should().BeEquivalentTo(state.Summary(9));
        back.Pool.Next.Should().Be(1);
        back.Claim("f", Wallet.Carol).Result.Receipt.TokenNumber.Should().Be(1);
        back.Claim("f", Wallet.Carol).Result.Receipt.Should().Be(state.Claim("f", Wallet.Carol).Result.Receipt);
        DropDecisions.HeldClaim(back, "e").TokenNumber.Should().Be(2);
        Rejection.Of(() => DropDecisions.HeldClaim(back, "b")).Code.Should().Be(ClaimRejectionCodes.TokenReleased);
        back.HeldBy(Wallet.Alice).Should().Be(1);
    }
}
