using System.Security.Cryptography;
using System.Text;
using MicroEvents.Drops;

namespace MicroEvents.UnitTests.Drops;

/// <summary>Manifests that are easy to get wrong: scheme-less URIs, negative supplies, non-ASCII text in the hash.</summary>
public class ManifestEdgeTests
{
    private static IEnumerable<string> ProblemsWith(CreateDrop manifest) =>
        Rejection.Of(() => ManifestRules.Validate(manifest, At.Created)).Errors!.Keys;

    [Theory]
    [InlineData("/summer-jam/poster.png")]
    [InlineData("//cdn.example.com/poster.png")]
    public void an_asset_uri_without_a_scheme_is_rejected(string uri) =>
        ProblemsWith(Given.Manifest with { Assets = [new(uri, new string('a', 64), "image/png")] }).Should().BeEquivalentTo("assets[0].uri");

    [Fact]
    public void a_negative_supply_without_tiers_is_reported_only_as_a_supply_problem() =>
        ProblemsWith(Given.Manifest with { Supply = -1 }).Should().BeEquivalentTo("supply");

    [Fact]
    public void the_hash_of_a_manifest_with_plus_ampersand_and_accents_is_sha256_of_its_canonical_json_written_plainly()
    {
        var m = ManifestRules.Validate(Given.Manifest with
        {
            Title = "Café & Friends",
            Assets = [new("https://cdn.example.com/a.svg", new string('a', 64), "image/svg+xml")],
        }, At.Created);
        var canonical = ("{'assets':[{'mediaType':'image/svg+xml','sha256':'" + new string('a', 64) + "','uri':'https://cdn.example.com/a.svg'}],"
            + "'creator':'0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed','endsAt':null,'id':'summer-jam','perWalletLimit':1,"
            + "'startsAt':null,'supply':10,'tiers':[],'title':'Café & Friends'}").Replace('\'', '"');

        ManifestHash.Of(m).Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
    }
}
