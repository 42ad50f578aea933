using MicroEvents.Claims;
using MicroEvents.Claims.Events;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Claims;

/// <summary>What happens when escrow ends: the drop's policy decides for unconfirmed tokens only.</summary>
public class EscrowPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = Now.AddHours(2);
    private const string Phone = "0x1111111111111111111111111111111111111111";

    private static ClaimState Escrowed(string policy) =>
        ClaimState.Initial.Apply(new TokenEscrowed(7, Phone, "email-hash", "code-hash", Now, Until, policy));

    [Theory]
    [InlineData("keep", false, "kept")]
    [InlineData("release", false, "released")]
    [InlineData("release", true, "kept")]
    [InlineData("keep", true, "kept")]
    public void at_the_end_of_escrow_only_an_unconfirmed_token_under_release_goes_back(string policy, bool confirmed, string outcome)
    {
        var state = Escrowed(policy);
        if (confirmed) state = state.Apply(new CustodyConfirmed(Now));

        ClaimDecisions.EndEscrow(state, Until.AddSeconds(-1)).Events.Should().BeEmpty("the window is still open");
        ClaimDecisions.Releases(state, Until).Should().Be(outcome == "released");
        ClaimDecisions.EndEscrow(state, Until).Events.Should().Equal(new EscrowEnded(outcome, Until));
    }

    [Fact]
    public void after_the_window_under_release_the_code_no_longer_confirms_hands_off_or_is_reissued()
    {
        var state = Escrowed("release");

        var confirm = () => ClaimDecisions.Confirm(state, codeMatches: true, Phone, Until, maxWrongCodes: 5);
        confirm.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.TokenReleased);
        var handOff = () => ClaimDecisions.HandOff(state, "0x2222222222222222222222222222222222222222", new CustodyProof(Phone, null), false, Until, 5);
        handOff.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.TokenReleased);
        ClaimDecisions.ReissueCode(state, emailMatches: true, "h", Until).Events.Should().BeEmpty();

        ClaimDecisions.Confirm(state, codeMatches: true, Phone, Until.AddSeconds(-1), 5).Result.Should().BeTrue("just in time");
        ClaimDecisions.Confirm(Escrowed("keep"), codeMatches: true, Phone, Until.AddHours(1), 5).Result.Should().BeTrue("keep: custody goes on");
    }
}
