using MicroEvents.Claims;
using MicroEvents.Claims.Events;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Claims;

/// <summary>One claim id is one custody kind for good: a custodial request never adopts a self-custody mint.</summary>
public class CustodyKindDecisionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T12:00:00Z");
    private const string Phone = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    [Fact]
    public void a_custodial_request_on_a_claim_id_the_drop_minted_without_one_is_a_conflict_and_records_nothing()
    {
        var act = () => ClaimDecisions.RequestCustody(ClaimState.Initial, Phone, "email-hash", null, mintedElsewhere: true, Now);

        act.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.ClaimKeyConflict);
    }

    [Fact]
    public void a_first_request_is_recorded_and_its_retry_adopts_it_but_another_key_email_or_tier_is_a_conflict()
    {
        var first = ClaimDecisions.RequestCustody(ClaimState.Initial, Phone, "email-hash", "vip", mintedElsewhere: false, Now);
        first.Events.Should().ContainSingle().Which.Should().BeOfType<CustodyRequested>();
        var requested = ClaimState.Initial.Apply(first.Events[0]);

        ClaimDecisions.RequestCustody(requested, Phone.ToLowerInvariant(), "email-hash", "vip", mintedElsewhere: true, Now).Events
            .Should().BeEmpty("our own mint, found again after a lost reply");
        foreach (var (key, email, tier) in new[] { ("0xFB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "email-hash", "vip"), (Phone, "other", "vip"), (Phone, "email-hash", (string?)null) })
        {
            var act = () => ClaimDecisions.RequestCustody(requested, key, email, tier, mintedElsewhere: false, Now);
            act.Should().Throw<Rejected>().Which.Code.Should().Be(ClaimRejectionCodes.ClaimKeyConflict);
        }
    }
}
