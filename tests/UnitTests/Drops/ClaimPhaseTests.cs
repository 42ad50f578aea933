using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

public class ClaimPhaseTests
{
    [Fact]
    public void a_claim_on_a_drop_that_was_never_created_is_rejected_as_drop_not_found() =>
        Rejection.Of(() => DropState.Initial.Claim("c1", Wallet.Alice)).Code.Should().Be(RejectionCodes.DropNotFound);

    [Fact]
    public void a_claim_on_a_draft_drop_is_rejected_as_drop_not_open() =>
        Rejection.Of(() => Given.Draft().Claim("c1", Wallet.Alice)).Code.Should().Be(RejectionCodes.DropNotOpen);

    [Fact]
    public void a_claim_on_a_paused_drop_is_rejected_as_drop_paused() =>
        Rejection.Of(() => Given.Paused().Claim("c1", Wallet.Alice)).Code.Should().Be(RejectionCodes.DropPaused);

    [Fact]
    public void a_claim_on_a_closed_drop_is_rejected_as_drop_closed() =>
        Rejection.Of(() => Given.Closed().Claim("c1", Wallet.Alice)).Code.Should().Be(RejectionCodes.DropClosed);

    [Fact]
    public void a_resumed_drop_accepts_claims_again_and_continues_the_numbering()
    {
        var paused = Given.Open().Claimed("c1", Wallet.Alice);
        paused = paused.After(DropDecisions.Pause(paused, At.Claiming));
        var resumed = paused.After(DropDecisions.Open(paused, At.Claiming));

        resumed.Claim("c2", Wallet.Bob).Result.Receipt.TokenNumber.Should().Be(2);
    }
}
