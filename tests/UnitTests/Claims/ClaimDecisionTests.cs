using MicroEvents.Claims;
using MicroEvents.Claims.Events;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Claims;

public class ClaimDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Phone = "0x1111111111111111111111111111111111111111";
    private const string Own = "0x2222222222222222222222222222222222222222";

    private static ClaimState Escrowed() =>
        ClaimState.Initial.Apply(new TokenEscrowed(7, Phone, "email-hash", "code-hash", Now, Now.AddHours(24)));

    private static ClaimState Fold(ClaimState state, IEnumerable<ClaimEvent> events) => events.Aggregate(state, (s, e) => s.Apply(e));

    [Fact]
    public void escrowing_twice_with_the_same_key_and_email_appends_nothing()
    {
        ClaimDecisions.Escrow(Escrowed(), 7, Phone.ToUpperInvariant().Replace("0X", "0x"), "email-hash", "other", Now, new EscrowTerms(TimeSpan.FromHours(24), "keep"))
            .Events.Should().BeEmpty();
    }

    [Fact]
    public void escrowing_the_same_claim_for_another_key_is_a_conflict()
    {
        var act = () => ClaimDecisions.Escrow(Escrowed(), 7, Own, "email-hash", "x", Now, new EscrowTerms(TimeSpan.FromHours(24), "keep"));
        act.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.ClaimKeyConflict);
    }

    [Fact]
    public void a_wrong_code_is_remembered_and_after_five_the_code_path_locks_for_fifteen_minutes_whatever_codes_are_issued()
    {
        var state = Escrowed();
        for (var i = 0; i < 5; i++)
        {
            var wrong = ClaimDecisions.Confirm(state, codeMatches: false, Phone, Now.AddSeconds(i), maxWrongCodes: 5);
            wrong.Result.Should().BeFalse();
            state = Fold(state, wrong.Events);
        }
        state.CodesLockedUntil.Should().Be(Now.AddSeconds(4) + TimeSpan.FromMinutes(15), "the locking wrong code records when the lock ends");

        // A new code mailed to the claim's own address lifts nothing: only time does.
        state = Fold(state, ClaimDecisions.ReissueCode(state, emailMatches: true, "new-hash", Now.AddMinutes(1)).Events);
        var locked = () => ClaimDecisions.Confirm(state, codeMatches: true, Phone, Now.AddMinutes(15), maxWrongCodes: 5);
        var refusal = locked.Should().Throw<Rejected>().Which;
        refusal.Code.Should().Be(ClaimRejectionCodes.TooManyCodeAttempts);
        refusal.Message.Should().Contain("15 minutes").And.Contain("does not lift");
        refusal.RetryAfter.Should().Be(TimeSpan.FromSeconds(4));

        ClaimDecisions.Confirm(state, codeMatches: true, Phone, Now.AddSeconds(4).AddMinutes(15), 5).Events.Should().ContainSingle()
            .Which.Should().BeOfType<CustodyConfirmed>();
    }

    [Fact]
    public void once_a_lock_has_passed_the_count_starts_again_and_five_more_lock_it_again()
    {
        var state = Escrowed();
        var at = Now;
        for (var i = 0; i < 5; i++) state = Fold(state, ClaimDecisions.Confirm(state, false, Phone, at, 5).Events);
        at += TimeSpan.FromMinutes(15);
        for (var i = 1; i <= 5; i++)
        {
            var wrong = ClaimDecisions.Confirm(state, false, Phone, at, 5);
            wrong.Events.Should().Equal(new ConfirmationCodeRejected(at, i, i == 5 ? at + TimeSpan.FromMinutes(15) : null));
            state = Fold(state, wrong.Events);
        }
        var locked = () => ClaimDecisions.Confirm(state, true, Phone, at.AddMinutes(1), 5);
        locked.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.TooManyCodeAttempts);
    }

    [Fact]
    public void streams_stored_before_the_time_lock_fold_as_they_did_and_an_old_lock_ends_fifteen_minutes_after_its_last_wrong_code()
    {
        // Old events carry no count and no lock end: a new code restarted the count, as it did when they were stored.
        var reset = Fold(Escrowed(), [new ConfirmationCodeRejected(Now), new ConfirmationCodeRejected(Now), new ConfirmationCodeIssued("h2", Now)]);
        reset.WrongCodes.Should().Be(0);

        var oldLock = Fold(Escrowed(), Enumerable.Range(0, 5).Select(i => (ClaimEvent)new ConfirmationCodeRejected(Now.AddMinutes(i))));
        oldLock.WrongCodes.Should().Be(5);
        var locked = () => ClaimDecisions.Confirm(oldLock, true, Phone, Now.AddMinutes(18), 5);
        locked.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.TooManyCodeAttempts);
        ClaimDecisions.Confirm(oldLock, true, Phone, Now.AddMinutes(19), 5).Events.Should().ContainSingle().Which.Should().BeOfType<CustodyConfirmed>();
    }

    [Fact]
    public void a_new_code_goes_only_to_the_claims_own_email()
    {
        ClaimDecisions.ReissueCode(Escrowed(), emailMatches: false, "h", Now).Events.Should().BeEmpty();
        ClaimDecisions.ReissueCode(ClaimState.Initial, emailMatches: true, "h", Now).Events.Should().BeEmpty();
    }

    [Fact]
    public void confirming_needs_the_ephemeral_key()
    {
        var act = () => ClaimDecisions.Confirm(Escrowed(), true, Own, Now, 5);
        act.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.NotTheEphemeralKey);
    }

    [Fact]
    public void a_hand_off_is_final_and_its_retry_appends_nothing()
    {
        var handedOff = Fold(Escrowed(), ClaimDecisions.HandOff(Escrowed(), Own, new CustodyProof(Phone, null), false, Now, 5).Events);

        handedOff.Custody.Should().Be(Custody.HandedOff);
        handedOff.HandedOffTo.Should().Be(Own);
        ClaimDecisions.HandOff(handedOff, Own, new CustodyProof(Phone, null), false, Now, 5).Events.Should().BeEmpty();
        var elsewhere = () => ClaimDecisions.HandOff(handedOff, Phone, new CustodyProof(Phone, null), false, Now, 5);
        elsewhere.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.AlreadyHandedOff);
        var confirm = () => ClaimDecisions.Confirm(handedOff, true, Phone, Now, 5);
        confirm.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.AlreadyHandedOff);
    }

    [Fact]
    public void the_email_code_hands_off_without_the_phone()
    {
        var decision = ClaimDecisions.HandOff(Escrowed(), Own, new CustodyProof(null, "123456"), codeMatches: true, Now, 5);
        decision.Events.Should().ContainSingle().Which.Should().Be(new TokenHandedOff(Own, "email-code", Now));
    }

    [Fact]
    public void escrow_ends_kept_exactly_at_its_end_and_only_once()
    {
        var state = Escrowed();
        ClaimDecisions.EndEscrow(state, Now.AddHours(24).AddTicks(-1)).Events.Should().BeEmpty();

        var ended = ClaimDecisions.EndEscrow(state, Now.AddHours(24));
        ended.Events.Should().ContainSingle().Which.Should().Be(new EscrowEnded(EscrowOutcomes.Kept, Now.AddHours(24)));
        var after = Fold(state, ended.Events);
        after.Custody.Should().Be(Custody.Custodial);
        ClaimDecisions.EndEscrow(after, Now.AddHours(48)).Events.Should().BeEmpty();
    }

    [Fact]
    public void nothing_custodial_happens_to_a_claim_that_was_never_escrowed()
    {
        var confirm = () => ClaimDecisions.Confirm(ClaimState.Initial, true, Phone, Now, 5);
        confirm.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.NotCustodial);
        ClaimDecisions.EndEscrow(ClaimState.Initial, Now.AddYears(1)).Events.Should().BeEmpty();
    }
}
