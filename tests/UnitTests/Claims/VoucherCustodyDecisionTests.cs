using MicroEvents.Claims;
using MicroEvents.Claims.Events;
using MicroEvents.Venues;

namespace MicroEvents.UnitTests.Claims;

/// <summary>An email-hash venue voucher's token, held by the drop's custodian, claimed out by its claimant's email.</summary>
public class VoucherCustodyDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Custodian = "0x3333333333333333333333333333333333333333";
    private const string Own = "0x2222222222222222222222222222222222222222";
    private static readonly RedeemedVoucher ByEmail = new("kiosk-1", "v-42", "summer-jam", null, new string('e', 64), 12);

    private static ClaimState Fold(ClaimState state, IEnumerable<ClaimEvent> events) => events.Aggregate(state, (s, e) => s.Apply(e));

    private static ClaimState Opened() =>
        Fold(ClaimState.Initial, ClaimDecisions.OpenVoucherCustody(ClaimState.Initial, ByEmail, true, "hmac-email", Custodian, "code-hash", Now).Events);

    [Fact]
    public void the_matching_email_opens_custody_of_the_voucher_token_and_mails_a_first_code()
    {
        var decision = ClaimDecisions.OpenVoucherCustody(ClaimState.Initial, ByEmail, emailMatchesVoucher: true, "hmac-email", Custodian, "code-hash", Now);

        decision.Result.Should().BeTrue();
        decision.Events.Should().Equal(new VoucherCustodyOpened("kiosk-1", "v-42", 12, Custodian, "hmac-email", Now), new ConfirmationCodeIssued("code-hash", Now, KeepsWrongCodes: true));
        var state = Fold(ClaimState.Initial, decision.Events);
        state.Should().BeEquivalentTo(new { Escrowed = true, Confirmed = true, TokenNumber = 12L, Holder = Custodian, Custody = Custody.Custodial, EscrowOpen = false });
    }

    [Fact]
    public void another_email_a_wallet_voucher_or_no_voucher_opens_nothing()
    {
        ClaimDecisions.OpenVoucherCustody(ClaimState.Initial, ByEmail, false, "h", Custodian, "c", Now).Events.Should().BeEmpty();
        ClaimDecisions.OpenVoucherCustody(ClaimState.Initial, ByEmail with { EmailHash = null, Wallet = Own }, true, "h", Custodian, "c", Now).Events.Should().BeEmpty();
        ClaimDecisions.OpenVoucherCustody(ClaimState.Initial, null, true, "h", Custodian, "c", Now).Events.Should().BeEmpty();
        ClaimDecisions.OpenVoucherCustody(Opened(), ByEmail, true, "h", Custodian, "c", Now).Events.Should().BeEmpty("already open: codes go the re-issue way");
    }

    [Fact]
    public void the_mailed_code_hands_the_token_off_once_and_a_wrong_code_does_not()
    {
        var state = Opened();
        ClaimDecisions.HandOff(state, Own, new CustodyProof(null, "000000"), codeMatches: false, Now, 5).Result.Should().BeFalse();
        var handOff = ClaimDecisions.HandOff(state, Own, new CustodyProof(null, "123456"), codeMatches: true, Now, 5);
        handOff.Events.Should().Equal(new TokenHandedOff(Own, "email-code", Now));
        state = Fold(state, handOff.Events);
        state.Holder.Should().Be(Own);
        ClaimDecisions.HandOff(state, Own, new CustodyProof(null, "123456"), true, Now, 5).Events.Should().BeEmpty("the same hand-off again");
        var again = () => ClaimDecisions.HandOff(state, "0x4444444444444444444444444444444444444444", new CustodyProof(null, "123456"), true, Now, 5);
        again.Should().Throw<Rejections.Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.AlreadyHandedOff);
    }

    [Fact]
    public void no_escrow_window_ends_a_voucher_custody()
    {
        var state = Opened();
        ClaimDecisions.EndEscrow(state, Now.AddDays(30)).Events.Should().BeEmpty();
        ClaimDecisions.EndEscrowEarly(state, Now, "key:ops").Events.Should().BeEmpty();
    }

    [Fact]
    public void codes_are_mailed_at_most_five_times_an_hour_per_claim()
    {
        var state = Opened(); // its first code counts
        for (var i = 0; i < ClaimDecisions.MaxCodeMailsPerHour - 1; i++)
            state = Fold(state, ClaimDecisions.ReissueCode(state, true, $"c{i}", Now.AddMinutes(i)).Events);
        ClaimDecisions.ReissueCode(state, true, "one-more", Now.AddMinutes(10)).Events.Should().BeEmpty("five in the hour already");
        ClaimDecisions.ReissueCode(state, true, "next-hour", Now.AddMinutes(61)).Events.Should().ContainSingle();
    }
}
