using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment;
using MicroEvents.Fulfilment.Events;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Fulfilment.Merch;

/// <summary>
/// A drop's merch: a mapping is validated before it is stored and stored only when it changes; a token mints
/// with the mapping in force at its mint; each token's outcome (ordered, or unmapped and why) is recorded once.
/// </summary>
public class MerchDecisionTests
{
    private static readonly DateTimeOffset Mapped = new(2025, 6, 21, 17, 0, 0, TimeSpan.Zero);
    private static readonly MerchMapping Mapping = new(["tee", "poster"], [new TierMerch("gold", ["hoodie"])]);

    private static MerchState After(MerchState state, Decision<bool, MerchEvent> decision) =>
        decision.Events.Aggregate(state, (s, e) => s.Apply(e));

    private static MerchState Given(MerchMapping mapping, DateTimeOffset at) =>
        After(MerchState.Initial, MerchDecisions.Map(MerchState.Initial, mapping, at));

    [Fact]
    public void a_mapping_is_stored_once_and_again_only_when_it_changes()
    {
        var state = Given(Mapping, Mapped);

        state.Mappings.Should().ContainSingle();
        MerchDecisions.Map(state, Mapping with { Skus = ["tee", "poster"], Tiers = [new TierMerch("gold", ["hoodie"])] }, Mapped.AddHours(1))
            .Events.Should().BeEmpty("the same mapping again");
        MerchDecisions.Map(state, Mapping with { Tiers = [new TierMerch("gold", ["hoodie", "tee"])] }, Mapped.AddHours(1))
            .Events.Should().ContainSingle("a tier's SKUs changed");
        MerchDecisions.Map(state, Mapping with { Skus = ["tee"] }, Mapped.AddHours(1)).Events.Should().ContainSingle();
    }

    [Fact]
    public void a_token_carries_the_mapping_in_force_at_its_mint_and_its_tier_list_if_any()
    {
        var first = Given(Mapping, Mapped);
        var state = After(first, MerchDecisions.Map(first, new MerchMapping(["mug"], []), Mapped.AddHours(2)));

        state.SkusFor(null, Mapped.AddMinutes(-1)).Should().BeEmpty("minted before any mapping");
        state.SkusFor(null, Mapped.AddHours(1)).Should().Equal("tee", "poster");
        state.SkusFor("GOLD", Mapped.AddHours(1)).Should().Equal(["hoodie"], "tiers match in any letter case");
        state.SkusFor("silver", Mapped.AddHours(1)).Should().Equal("tee", "poster");
        state.SkusFor("gold", Mapped.AddHours(2)).Should().Equal("mug");
    }

    public static TheoryData<string, MerchMapping> Invalid => new()
    {
        { "skus[0]", new MerchMapping(["T!"], []) },
        { "skus", new MerchMapping(["tee", "tee"], []) },
        { "skus", new MerchMapping([.. Enumerable.Range(0, MerchDecisions.MaxSkus + 1).Select(i => $"sku-{i}")], []) },
        { "tiers", new MerchMapping(["tee"], [.. Enumerable.Range(0, MerchDecisions.MaxTiers + 1).Select(i => new TierMerch($"t{i}", []))]) },
        { "tiers[0]", new MerchMapping(["tee"], [null!]) },
        { "tiers[0].tier", new MerchMapping(["tee"], [new TierMerch(" ", ["tee"])]) },
        { "tiers[0].tier", new MerchMapping(["tee"], [new TierMerch("gold\u0000", ["tee"])]) },
        { "tiers[0].skus[0]", new MerchMapping(["tee"], [new TierMerch("gold", ["x"])]) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void an_invalid_mapping_is_refused_naming_the_field_and_stores_nothing(string field, MerchMapping mapping)
    {
        var refused = FluentActions.Invoking(() => MerchDecisions.Map(MerchState.Initial, mapping, Mapped)).Should().Throw<Rejected>().Which;

        refused.Code.Should().Be(RejectionCodes.ValidationFailed);
        refused.Errors.Should().ContainKey(field);
    }

    [Fact]
    public void outcomes_are_recorded_once_and_an_order_supersedes_an_unmapped_token()
    {
        var state = Given(Mapping, Mapped);
        var first = MerchDecisions.Record(state, [1, 2, 2], [new UnmappedToken(3, "out-of-stock: tee")], Mapped.AddHours(1));
        first.Events.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Ordered = new long[] { 1, 2 } });
        state = After(state, first);

        MerchDecisions.Record(state, [1, 2], [new UnmappedToken(3, "out-of-stock: tee")], Mapped.AddHours(2)).Events.Should().BeEmpty("a replay");
        MerchDecisions.Record(state, [], [new UnmappedToken(1, "out-of-stock: tee")], Mapped.AddHours(2)).Events.Should().BeEmpty("token 1 has its order");

        var retried = After(state, MerchDecisions.Record(state, [3], [], Mapped.AddHours(3)));
        retried.Ordered.Should().BeEquivalentTo([1L, 2L, 3L]);
        retried.Unmapped.Should().BeEmpty("an operator's retry ordered token 3");
        var reason = After(state, MerchDecisions.Record(state, [], [new UnmappedToken(3, "unknown-sku: poster")], Mapped.AddHours(3)));
        reason.Unmapped[3].Should().Be("unknown-sku: poster", "a new reason for the same token is recorded");
    }
}
