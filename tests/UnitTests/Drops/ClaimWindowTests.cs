using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

public class ClaimWindowTests
{
    private static readonly DropState Drop =
        Given.Open(Given.Manifest with { StartsAt = At.WindowStarts, EndsAt = At.WindowEnds });

    [Fact]
    public void a_claim_before_the_window_starts_is_rejected_as_claim_window_not_started() =>
        Rejection.Of(() => Drop.Claim("c1", Wallet.Alice, at: At.WindowStarts.AddTicks(-1)))
            .Code.Should().Be(RejectionCodes.ClaimWindowNotStarted);

    [Fact]
    public void a_claim_at_the_exact_instant_the_window_starts_is_accepted() =>
        Drop.Claim("c1", Wallet.Alice, at: At.WindowStarts).Result.Receipt.ClaimedAt.Should().Be(At.WindowStarts);

    [Fact]
    public void a_claim_in_the_last_tick_of_the_window_is_accepted() =>
        Drop.Claim("c1", Wallet.Alice, at: At.WindowEnds.AddTicks(-1)).Result.Receipt.TokenNumber.Should().Be(1);

    [Fact]
    public void a_claim_at_the_exact_instant_the_window_ends_is_rejected_as_claim_window_ended() =>
        Rejection.Of(() => Drop.Claim("c1", Wallet.Alice, at: At.WindowEnds))
            .Code.Should().Be(RejectionCodes.ClaimWindowEnded);

    [Fact]
    public void a_claim_after_the_window_ends_is_rejected_as_claim_window_ended() =>
        Rejection.Of(() => Drop.Claim("c1", Wallet.Alice, at: At.Later))
            .Code.Should().Be(RejectionCodes.ClaimWindowEnded);

    [Fact]
    public void the_window_edges_compare_instants_not_local_clock_readings()
    {
        var inParis = TimeSpan.FromHours(2);
        var justBeforeStart = At.WindowStarts.AddSeconds(-1).ToOffset(inParis);
        var atStart = At.WindowStarts.ToOffset(inParis);

        Rejection.Of(() => Drop.Claim("c1", Wallet.Alice, at: justBeforeStart)).Code.Should().Be(RejectionCodes.ClaimWindowNotStarted);
        Drop.Claim("c1", Wallet.Alice, at: atStart).Result.Receipt.TokenNumber.Should().Be(1);
    }

    [Fact]
    public void a_drop_without_a_window_accepts_claims_at_any_time()
    {
        var open = Given.Open();

        open.Claim("c1", Wallet.Alice, at: DateTimeOffset.MinValue).Events.Should().ContainSingle();
        open.Claim("c1", Wallet.Alice, at: DateTimeOffset.MaxValue).Events.Should().ContainSingle();
    }
}
