using System.Security.Cryptography;
using System.Text;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;

namespace MicroEvents.UnitTests.Drops;

public class ManifestHashTests
{
    private static readonly CreateDrop Submitted = new(
        Id: "summer-jam",
        Title: "Summer Jam",
        Creator: Wallet.Alice,
        Supply: 100,
        PerWalletLimit: 2,
        StartsAt: At.WindowStarts,
        EndsAt: new DateTimeOffset(2025, 6, 21, 20, 30, 0, TimeSpan.Zero).AddTicks(1_234_567),
        Tiers: [new("VIP", 10), new("Early Bird", 20)],
        Assets:
        [
            new("https://cdn.example.com/summer-jam/poster.png", "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", "image/png"),
            new("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/stage.glb", new string('0', 64), "model/gltf-binary"),
        ]);

    private static readonly DropCreated Manifest = ManifestRules.Validate(Submitted, At.Created);

    // The canonical JSON below is written with ' for " to keep it readable.
    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void the_hash_is_64_lower_case_hex_digits() =>
        ManifestHash.Of(Manifest).Should().MatchRegex("^[0-9a-f]{64}$");

    [Fact]
    public void the_hash_is_sha256_of_the_documented_canonical_json()
    {
        const string canonical =
            "{'assets':[{'mediaType':'image/png','sha256':'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789','uri':'https://cdn.example.com/summer-jam/poster.png'},"
            + "{'mediaType':'model/gltf-binary','sha256':'0000000000000000000000000000000000000000000000000000000000000000','uri':'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/stage.glb'}],"
            + "'creator':'0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed','endsAt':'2025-06-21T20:30:00.1234567Z','id':'summer-jam','perWalletLimit':2,"
            + "'startsAt':'2025-06-21T18:00:00.0000000Z','supply':100,'tiers':[{'allocation':10,'name':'VIP'},{'allocation':20,'name':'Early Bird'}],'title':'Summer Jam'}";

        ManifestHash.Of(Manifest).Should().Be(Sha256Hex(canonical.Replace('\'', '"')));
        ManifestHash.Of(Manifest).Should().Be("413e45e78ca0750e43dc8e6554fbaa7ccfe91576bf26c77b6db91809c329108b");
    }

    [Fact]
    public void a_manifest_without_window_or_tiers_hashes_its_times_as_null_and_its_tiers_as_empty()
    {
        var plain = ManifestRules.Validate(Submitted with { StartsAt = null, EndsAt = null, Tiers = null, PerWalletLimit = null }, At.Created);
        const string canonical =
            "{'assets':[{'mediaType':'image/png','sha256':'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789','uri':'https://cdn.example.com/summer-jam/poster.png'},"
            + "{'mediaType':'model/gltf-binary','sha256':'0000000000000000000000000000000000000000000000000000000000000000','uri':'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/stage.glb'}],"
            + "'creator':'0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed','endsAt':null,'id':'summer-jam','perWalletLimit':1,"
            + "'startsAt':null,'supply':100,'tiers':[],'title':'Summer Jam'}";

        ManifestHash.Of(plain).Should().Be(Sha256Hex(canonical.Replace('\'', '"')));
        ManifestHash.Of(plain).Should().Be("67bced6b34ca2f4c756846d65c18734c493c8eebab4ba471d5f15abb59bf2139");
    }

    [Fact]
    public void equal_manifests_hash_alike()
    {
        var copy = ManifestRules.Validate(Submitted with
        {
            Tiers = Submitted.Tiers!.Select(t => t with { }).ToList(),
            Assets = Submitted.Assets.Select(a => a with { }).ToList(),
        }, At.Created);

        ManifestHash.Of(copy).Should().Be(ManifestHash.Of(Manifest));
    }

    [Fact]
    public void the_hash_covers_the_manifest_not_when_it_was_created() =>
        ManifestRules.Validate(Submitted, At.Later).ManifestHash.Should().Be(Manifest.ManifestHash);

    public static TheoryData<string> Changes => [.. ChangeOf.Keys];

    private static readonly Dictionary<string, Func<DropCreated, DropCreated>> ChangeOf = new()
    {
        ["id"] = m => m with { DropId = "summer-jam-2" },
        ["title"] = m => m with { Title = "Summer Jam " },
        ["title letter case"] = m => m with { Title = "summer jam" },
        ["creator"] = m => m with { Creator = Wallet.Bob },
        ["supply"] = m => m with { Supply = 101 },
        ["per-wallet limit"] = m => m with { PerWalletLimit = 3 },
        ["start"] = m => m with { StartsAt = m.StartsAt!.Value.AddTicks(1) },
        ["no start"] = m => m with { StartsAt = null },
        ["end"] = m => m with { EndsAt = m.EndsAt!.Value.AddTicks(-1) },
        ["no end"] = m => m with { EndsAt = null },
        ["tier name"] = m => m with { Tiers = [new("VIPs", 10), m.Tiers[1]] },
        ["tier allocation"] = m => m with { Tiers = [new("VIP", 11), m.Tiers[1]] },
        ["tier order"] = m => m with { Tiers = [m.Tiers[1], m.Tiers[0]] },
        ["tier removed"] = m => m with { Tiers = [m.Tiers[0]] },
        ["asset uri"] = m => m with { Assets = [m.Assets[0] with { Uri = "https://cdn.example.com/summer-jam/poster2.png" }, m.Assets[1]] },
        ["asset fingerprint"] = m => m with { Assets = [m.Assets[0] with { Sha256 = new string('f', 64) }, m.Assets[1]] },
        ["asset media type"] = m => m with { Assets = [m.Assets[0] with { MediaType = "image/webp" }, m.Assets[1]] },
        ["asset removed"] = m => m with { Assets = [m.Assets[0]] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void changing_any_part_of_the_manifest_changes_the_hash(string change) =>
        ManifestHash.Of(ChangeOf[change](Manifest)).Should().NotBe(ManifestHash.Of(Manifest));

    [Fact]
    public void the_stored_hash_and_the_creation_time_are_not_part_of_the_hash() =>
        ManifestHash.Of(Manifest with { ManifestHash = "", CreatedAt = At.Later }).Should().Be(ManifestHash.Of(Manifest));

    [Fact]
    public void submissions_that_differ_only_in_ways_normalisation_removes_hash_alike()
    {
        var sameButWrittenDifferently = Submitted with
        {
            Title = "  Summer Jam  ",
            Creator = Wallet.Alice.ToLowerInvariant(),
            StartsAt = At.WindowStarts.ToOffset(TimeSpan.FromHours(2)),
            EndsAt = Submitted.EndsAt!.Value.ToOffset(TimeSpan.FromHours(-7)),
            Tiers = [new(" VIP", 10), new("Early Bird  ", 20)],
            Assets = [.. Submitted.Assets.Select(a => a with { Sha256 = a.Sha256.ToUpperInvariant(), MediaType = a.MediaType.ToUpperInvariant() })],
        };

        ManifestRules.Validate(sameButWrittenDifferently, At.Created).ManifestHash.Should().Be(Manifest.ManifestHash);
    }

    [Fact]
    public void the_hash_of_a_manifest_with_a_non_utc_time_equals_the_hash_of_the_same_instant_in_utc() =>
        ManifestHash.Of(Manifest with { StartsAt = Manifest.StartsAt!.Value.ToOffset(TimeSpan.FromHours(9)) })
            .Should().Be(ManifestHash.Of(Manifest));
}
