using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

/// <summary>A drop's custody rules: validated, stored normalised, and part of the hash only when set.</summary>
public class ManifestCustodyTests
{
    private static readonly CreateDrop Plain = new("custody-drop", "Custody", Wallet.Alice, 100, null, null, null, null,
        [new("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/1.png", new string('a', 64), "image/png")]);

    [Fact]
    public void custody_rules_are_kept_normalised_and_change_the_hash_while_absent_or_empty_rules_do_not()
    {
        var plain = ManifestRules.Validate(Plain, At.Created);
        var empty = ManifestRules.Validate(Plain with { Custody = new CustodyRules() }, At.Created);
        var release = ManifestRules.Validate(Plain with { Custody = new CustodyRules(2, " Release ") }, At.Created);
        var hoursOnly = ManifestRules.Validate(Plain with { Custody = new CustodyRules(48) }, At.Created);

        plain.Custody.Should().BeNull();
        empty.Custody.Should().BeNull("an empty object means the defaults");
        empty.ManifestHash.Should().Be(plain.ManifestHash);
        release.Custody.Should().Be(new CustodyRules(2, "release"));
        release.ManifestHash.Should().NotBe(plain.ManifestHash);
        hoursOnly.Custody.Should().Be(new CustodyRules(48, "keep"));
        hoursOnly.ManifestHash.Should().NotBe(release.ManifestHash);
    }

    [Theory]
    [InlineData(0, null, "custody.escrowHours")]
    [InlineData(169, null, "custody.escrowHours")]
    [InlineData(null, "burn", "custody.unconfirmedPolicy")]
    [InlineData(null, "keep\u0000", "custody.unconfirmedPolicy")]
    public void escrow_hours_outside_one_to_a_week_or_an_unknown_policy_is_a_validation_failure(int? hours, string? policy, string field)
    {
        var act = () => ManifestRules.Validate(Plain with { Custody = new CustodyRules(hours, policy) }, At.Created);

        act.Should().Throw<Rejected>().Which.Errors!.Keys.Should().Equal(field);
    }
}
