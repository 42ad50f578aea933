using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

/// <summary>A creator learns every problem of a manifest in one round trip.</summary>
public class ManifestRulesTests
{
    private static Rejected Invalid(CreateDrop manifest)
    {
        var rejected = Rejection.Of(() => ManifestRules.Validate(manifest, At.Created));
        rejected.Code.Should().Be(RejectionCodes.ValidationFailed);
        rejected.Errors.Should().NotBeNull();
        return rejected;
    }

    private static IEnumerable<string> ProblemsWith(CreateDrop manifest) => Invalid(manifest).Errors!.Keys;

    [Fact]
    public void a_manifest_with_many_problems_lists_every_problem_at_once()
    {
        var manifest = new CreateDrop(
            Id: "Summer Jam!",
            Title: "   ",
            Creator: "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            Supply: 0,
            PerWalletLimit: 0,
            StartsAt: At.WindowEnds,
            EndsAt: At.WindowStarts,
            Tiers: [new("VIP", 1), new(" vip ", 1), new("Early Bird", 0)],
            Assets: [new("not a uri", "abc", "png")]);

        var errors = Invalid(manifest).Errors!;

        errors.Keys.Should().BeEquivalentTo(
            "id", "title", "creator", "supply", "perWalletLimit", "endsAt",
            "tiers[1].name", "tiers[2].allocation",
            "assets[0].uri", "assets[0].sha256", "assets[0].mediaType");
        errors.Values.Should().AllSatisfy(problems => problems.Should().NotBeEmpty().And.AllSatisfy(p => p.Should().NotBeNullOrWhiteSpace()));
    }

    [Fact]
    public void a_manifest_without_assets_is_reported_alongside_its_other_problems() =>
        ProblemsWith(Given.Manifest with { Assets = [], Supply = 10_000_001, Tiers = [new("", 1)] })
            .Should().BeEquivalentTo("assets", "supply", "tiers[0].name");

    [Fact]
    public void a_missing_asset_list_is_reported_as_no_assets() =>
        ProblemsWith(Given.Manifest with { Assets = null! }).Should().BeEquivalentTo("assets");

    [Fact]
    public void missing_tier_and_asset_entries_are_reported_by_position() =>
        ProblemsWith(Given.Manifest with { Tiers = [null!], Assets = [Given.Manifest.Assets[0], null!] })
            .Should().BeEquivalentTo("tiers[0]", "assets[1]");

    [Theory]
    [InlineData(0)]
    [InlineData(10_000_001)]
    public void a_supply_outside_one_to_ten_million_is_rejected(long supply) =>
        ProblemsWith(Given.Manifest with { Supply = supply }).Should().BeEquivalentTo("supply");

    [Theory]
    [InlineData(1)]
    [InlineData(10_000_000)]
    public void a_supply_of_one_or_ten_million_is_accepted(long supply) =>
        ManifestRules.Validate(Given.Manifest with { Supply = supply }, At.Created).Supply.Should().Be(supply);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void a_per_wallet_limit_below_one_is_rejected(int limit) =>
        ProblemsWith(Given.Manifest with { PerWalletLimit = limit }).Should().BeEquivalentTo("perWalletLimit");

    [Fact]
    public void a_window_that_ends_when_it_starts_is_rejected() =>
        ProblemsWith(Given.Manifest with { StartsAt = At.WindowStarts, EndsAt = At.WindowStarts }).Should().BeEquivalentTo("endsAt");

    [Fact]
    public void a_window_that_ends_before_it_starts_is_rejected_even_when_the_offsets_make_it_look_later() =>
        ProblemsWith(Given.Manifest with
        {
            StartsAt = At.WindowStarts,
            EndsAt = At.WindowStarts.AddMinutes(-1).ToOffset(TimeSpan.FromHours(5)),
        }).Should().BeEquivalentTo("endsAt");

    [Fact]
    public void a_window_open_at_either_end_is_accepted()
    {
        ManifestRules.Validate(Given.Manifest with { StartsAt = At.WindowStarts }, At.Created).EndsAt.Should().BeNull();
        ManifestRules.Validate(Given.Manifest with { EndsAt = At.WindowEnds }, At.Created).StartsAt.Should().BeNull();
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Summer-Jam")]
    [InlineData("summer jam")]
    [InlineData("summer_jam")]
    [InlineData("")]
    [InlineData(null)]
    public void an_id_that_is_not_a_lower_case_slug_of_3_to_64_characters_is_rejected(string? id) =>
        ProblemsWith(Given.Manifest with { Id = id! }).Should().BeEquivalentTo("id");

    [Fact]
    public void ids_of_3_and_64_characters_are_accepted_and_65_are_not()
    {
        ManifestRules.Validate(Given.Manifest with { Id = "a-1" }, At.Created).DropId.Should().Be("a-1");
        ManifestRules.Validate(Given.Manifest with { Id = new string('a', 64) }, At.Created).DropId.Should().HaveLength(64);
        ProblemsWith(Given.Manifest with { Id = new string('a', 65) }).Should().BeEquivalentTo("id");
    }

    [Fact]
    public void a_title_longer_than_200_characters_after_trimming_is_rejected()
    {
        ManifestRules.Validate(Given.Manifest with { Title = $"  {new string('t', 200)}  " }, At.Created).Title.Should().HaveLength(200);
        ProblemsWith(Given.Manifest with { Title = new string('t', 201) }).Should().BeEquivalentTo("title");
    }

    [Theory]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")]
    [InlineData(null)]
    public void a_creator_that_is_not_a_wallet_address_is_rejected(string? creator) =>
        ProblemsWith(Given.Manifest with { Creator = creator! }).Should().BeEquivalentTo("creator");

    [Fact]
    public void tier_names_must_be_unique_ignoring_case_and_surrounding_spaces()
    {
        var errors = Invalid(Given.Manifest with { Tiers = [new("VIP", 1), new("Early", 1), new("  vip", 1)] }).Errors!;

        errors.Keys.Should().BeEquivalentTo("tiers[2].name");
    }

    [Fact]
    public void tier_names_longer_than_64_characters_are_rejected() =>
        ProblemsWith(Given.Manifest with { Tiers = [new(new string('n', 65), 1)] }).Should().BeEquivalentTo("tiers[0].name");

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void a_tier_allocation_below_one_is_rejected(long allocation) =>
        ProblemsWith(Given.Manifest with { Tiers = [new("VIP", allocation)] }).Should().BeEquivalentTo("tiers[0].allocation");

    [Fact]
    public void tier_allocations_adding_up_to_more_than_the_supply_are_rejected() =>
        ProblemsWith(Given.Manifest with { Supply = 10, Tiers = [new("VIP", 6), new("Early Bird", 5)] }).Should().BeEquivalentTo("tiers");

    [Fact]
    public void tier_allocations_adding_up_to_exactly_the_supply_are_accepted() =>
        ManifestRules.Validate(Given.Manifest with { Supply = 10, Tiers = [new("VIP", 5), new("Early Bird", 5)] }, At.Created)
            .Tiers.Sum(t => t.Allocation).Should().Be(10);

    [Fact]
    public void more_than_100_tiers_are_rejected() =>
        Invalid(Given.Manifest with
        {
            Supply = 1_000,
            Tiers = Enumerable.Range(0, 101).Select(i => new TierAllocation($"tier-{i}", 1)).ToList(),
        }).Errors!.Keys.Should().Contain("tiers");

    [Fact]
    public void more_than_100_assets_are_rejected() =>
        ProblemsWith(Given.Manifest with { Assets = Enumerable.Repeat(Given.Manifest.Assets[0], 101).ToList() })
            .Should().BeEquivalentTo("assets");

    [Theory]
    [InlineData("not a uri")]
    [InlineData("poster.png")]
    [InlineData("")]
    [InlineData(null)]
    public void an_asset_uri_that_is_not_absolute_is_rejected(string? uri) =>
        ProblemsWith(Given.Manifest with { Assets = [new(uri!, new string('a', 64), "image/png")] }).Should().BeEquivalentTo("assets[0].uri");

    [Theory]
    [InlineData("abc")]
    [InlineData("gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData(null)]
    public void an_asset_fingerprint_that_is_not_64_hex_digits_is_rejected(string? sha256) =>
        ProblemsWith(Given.Manifest with { Assets = [new("https://cdn.example.com/a.png", sha256!, "image/png")] })
            .Should().BeEquivalentTo("assets[0].sha256");

    [Theory]
    [InlineData("png")]
    [InlineData("image/")]
    [InlineData("/png")]
    [InlineData("image/png; charset=x")]
    [InlineData(null)]
    public void an_asset_media_type_that_is_not_type_slash_subtype_is_rejected(string? mediaType) =>
        ProblemsWith(Given.Manifest with { Assets = [new("https://cdn.example.com/a.png", new string('a', 64), mediaType!)] })
            .Should().BeEquivalentTo("assets[0].mediaType");
}
