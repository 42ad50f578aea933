using MicroEvents.Drops;
using MicroEvents.Drops.Events;

namespace MicroEvents.UnitTests.Drops;

/// <summary>What a creator submits is stored in one canonical form.</summary>
public class ManifestNormalisationTests
{
    private static readonly CreateDrop Submitted = new(
        Id: "summer-jam",
        Title: "  Summer Jam \t",
        Creator: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        Supply: 100,
        PerWalletLimit: null,
        StartsAt: new DateTimeOffset(2025, 6, 21, 20, 0, 0, TimeSpan.FromHours(2)),
        EndsAt: new DateTimeOffset(2025, 6, 21, 16, 0, 0, TimeSpan.FromHours(-4)),
        Tiers: [new("  VIP ", 10)],
        Assets: [new("https://cdn.example.com/summer-jam/poster.png", "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", "Image/PNG")]);

    private static readonly DropCreated Created = ManifestRules.Validate(Submitted, At.Created);

    [Fact]
    public void the_creator_is_stored_checksummed() => Created.Creator.Should().Be(Wallet.Alice);

    [Fact]
    public void the_title_and_tier_names_are_trimmed()
    {
        Created.Title.Should().Be("Summer Jam");
        Created.Tiers.Should().Equal(new TierAllocation("VIP", 10));
    }

    [Fact]
    public void asset_fingerprints_and_media_types_are_lower_cased()
    {
        var asset = Created.Assets.Should().ContainSingle().Subject;
        asset.Sha256.Should().Be("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
        asset.MediaType.Should().Be("image/png");
        asset.Uri.Should().Be("https://cdn.example.com/summer-jam/poster.png");
    }

    [Fact]
    public void the_claim_window_is_stored_in_utc_at_the_same_instants()
    {
        Created.StartsAt.Should().Be(At.WindowStarts).And.Subject!.Value.Offset.Should().Be(TimeSpan.Zero);
        Created.EndsAt.Should().Be(At.WindowEnds).And.Subject!.Value.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void the_per_wallet_limit_defaults_to_one() => Created.PerWalletLimit.Should().Be(1);

    [Fact]
    public void an_explicit_per_wallet_limit_is_kept() =>
        ManifestRules.Validate(Submitted with { PerWalletLimit = 4 }, At.Created).PerWalletLimit.Should().Be(4);

    [Fact]
    public void the_manifest_hash_is_the_hash_of_the_normalised_manifest() =>
        Created.ManifestHash.Should().Be(ManifestHash.Of(Created));

    [Fact]
    public void the_creation_time_is_the_time_of_the_decision() => Created.CreatedAt.Should().Be(At.Created);

    [Fact]
    public void a_missing_tier_list_means_no_tiers() =>
        ManifestRules.Validate(Submitted with { Tiers = null }, At.Created).Tiers.Should().BeEmpty();
}
