using MicroEvents.Drops;
using MicroEvents.Rejections;
using MicroEvents.Text;
using MicroEvents.UnitTests.Drops;

namespace MicroEvents.UnitTests.Text;

public class ClientTextTests
{
    [Theory]
    [InlineData("a\u0000")]
    [InlineData("\u0001start")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    public void control_characters_are_refused(string value) =>
        ClientText.Problem(value, 100).Should().NotBeNull();

    // Not theory data: xunit would replace lone surrogates with U+FFFD when it serialises the cases.
    [Fact]
    public void unpaired_surrogates_are_refused()
    {
        foreach (var value in new[] { "lone high \ud800", "\udc00 lone low", "reversed \udc00\ud800", "\ud83c" })
            ClientText.Problem(value, 100).Should().Contain("unpaired surrogate", value.Length.ToString());
    }

    [Theory]
    [InlineData("phone-42")]
    [InlineData("Café ☕ 🎟️")]
    [InlineData("\u200f right-to-left mark")]
    [InlineData("שלום")]
    [InlineData("")]
    public void ordinary_text_passes(string value) => ClientText.Problem(value, 100).Should().BeNull();

    [Fact]
    public void length_is_bounded() =>
        ClientText.Problem(new string('x', 11), 10).Should().Contain("at most 10");

    [Fact]
    public void a_nul_in_a_claim_id_is_a_validation_failure_naming_the_field()
    {
        var rejected = Rejection.Of(() => Given.Open().Claim("a\u0000", Wallet.Bob));
        rejected.Code.Should().Be(RejectionCodes.ValidationFailed);
        rejected.Errors.Should().ContainKey("claimId");
    }

    [Fact]
    public void bad_text_in_a_tier_or_wallet_names_each_field()
    {
        var rejected = Rejection.Of(() => DropDecisions.Claim(Given.Open(), new ClaimToken("ok", "0x\u0000", "vip\ud800"), At.Claiming));
        rejected.Errors.Should().ContainKeys("wallet", "tier");
    }

    [Fact]
    public void every_text_field_of_a_manifest_is_checked()
    {
        var manifest = Given.Manifest with
        {
            Title = "Summer\u0000Jam",
            Creator = Wallet.Alice + "\u0000",
            Tiers = [new("VIP\u0000", 1)],
            Assets = [new("https://cdn.example.com/a\u0000.png", new string('a', 64), "image/png\u0000")],
        };
        var rejected = Rejection.Of(() => DropDecisions.Create(DropState.Initial, manifest, At.Created));
        rejected.Code.Should().Be(RejectionCodes.ValidationFailed);
        rejected.Errors.Should().ContainKeys("title", "creator", "tiers[0].name", "assets[0].uri", "assets[0].mediaType");
    }
}
