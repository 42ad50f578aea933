using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

public class ClaimInputTests
{
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeZ")] // Z is not a hex digit
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea")] // 39 hex digits
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0")] // 41 hex digits
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00")] // no 0x prefix
    [InlineData("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")] // mixed case with a broken EIP-55 checksum
    [InlineData("")]
    public void a_claim_to_something_that_is_not_a_wallet_address_is_rejected_as_invalid_wallet(string wallet) =>
        Rejection.Of(() => Given.Open().Claim("c1", wallet)).Code.Should().Be(RejectionCodes.InvalidWallet);

    [Fact]
    public void a_claim_without_a_wallet_is_rejected_as_validation_failed_naming_the_wallet()
    {
        // A missing member is the document's "required", not a malformed address (issue #27).
        var rejected = Rejection.Of(() => Given.Open().Claim("c1", null!));

        rejected.Code.Should().Be(RejectionCodes.ValidationFailed);
        rejected.Errors.Should().ContainKey("wallet");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void a_claim_without_a_claim_id_is_rejected_as_validation_failed_naming_the_claim_id(string? claimId)
    {
        var rejected = Rejection.Of(() => Given.Open().Claim(claimId!, Wallet.Alice));

        rejected.Code.Should().Be(RejectionCodes.ValidationFailed);
        rejected.Errors.Should().ContainKey("claimId").WhoseValue.Should().NotBeEmpty();
    }

    [Fact]
    public void a_claim_id_longer_than_128_characters_is_rejected_as_validation_failed_naming_the_claim_id()
    {
        var rejected = Rejection.Of(() => Given.Open().Claim(new string('x', 129), Wallet.Alice));

        rejected.Code.Should().Be(RejectionCodes.ValidationFailed);
        rejected.Errors.Should().ContainKey("claimId");
    }

    [Fact]
    public void a_claim_id_of_exactly_128_characters_is_accepted() =>
        Given.Open().Claim(new string('x', 128), Wallet.Alice).Result.Receipt.ClaimId.Should().HaveLength(128);

    [Fact]
    public void a_malformed_claim_is_reported_as_malformed_even_when_the_drop_is_closed()
    {
        Rejection.Of(() => Given.Closed().Claim("", Wallet.Alice)).Code.Should().Be(RejectionCodes.ValidationFailed);
        Rejection.Of(() => Given.Closed().Claim("c1", "0x1234")).Code.Should().Be(RejectionCodes.InvalidWallet);
    }
}
