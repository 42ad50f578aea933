using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

/// <summary>A drop's own claim limits: validated, stored normalised, and part of the hash only when set.</summary>
public class ManifestLimitsTests
{
    private static readonly CreateDrop Plain = new("limit-drop", "Limits", Wallet.Alice, 100, null, null, null, null,
        [new("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/1.png", new string('a', 64), "image/png")]);

    [Fact]
    public void limits_are_kept_and_change_the_hash_while_absent_or_empty_limits_do_not()
    {
        var plain = ManifestRules.Validate(Plain, At.Created);
        var empty = ManifestRules.Validate(Plain with { Limits = new ClaimLimits() }, At.Created);
        var venue = ManifestRules.Validate(Plain with { Limits = new ClaimLimits(WalletsPerIpPerWindow: 500) }, At.Created);

        plain.Limits.Should().BeNull();
        empty.Limits.Should().BeNull("an empty object means the defaults");
        empty.ManifestHash.Should().Be(plain.ManifestHash);
        venue.Limits.Should().Be(new ClaimLimits(WalletsPerIpPerWindow: 500));
        venue.ManifestHash.Should().NotBe(plain.ManifestHash);
    }

    [Theory]
    [InlineData(0, null, null, "limits.claimsPerIpPerMinute")]
    [InlineData(null, -1, null, "limits.claimsPerWalletPerMinute")]
    [InlineData(null, null, 1_000_001, "limits.walletsPerIpPerWindow")]
    public void a_limit_outside_one_to_a_million_is_a_validation_failure(int? perIp, int? perWallet, int? wallets, string field)
    {
        var act = () => ManifestRules.Validate(Plain with { Limits = new ClaimLimits(perIp, perWallet, wallets) }, At.Created);

        act.Should().Throw<Rejected>().Which.Errors!.Keys.Should().Equal(field);
    }
}
