using MicroEvents.Wallets;

namespace MicroEvents.UnitTests.Wallets;

public class WalletAddressTests
{
    /// <summary>The test vectors of EIP-55 itself.</summary>
    public static TheoryData<string> Eip55Vectors =>
    [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x52908400098527886E0F7030069857D2E4169EE7",
    ];

    private static string Normalized(string input)
    {
        WalletAddress.TryNormalize(input, out var checksummed).Should().BeTrue($"{input} is a wallet address");
        return checksummed;
    }

    [Theory]
    [MemberData(nameof(Eip55Vectors))]
    public void a_checksummed_address_is_accepted_and_kept_as_it_is(string address) =>
        Normalized(address).Should().Be(address);

    [Theory]
    [MemberData(nameof(Eip55Vectors))]
    public void an_all_lower_case_address_is_accepted_and_checksummed(string address) =>
        Normalized("0x" + address[2..].ToLowerInvariant()).Should().Be(address);

    [Theory]
    [MemberData(nameof(Eip55Vectors))]
    public void an_all_upper_case_address_is_accepted_and_checksummed(string address) =>
        Normalized("0x" + address[2..].ToUpperInvariant()).Should().Be(address);

    [Theory]
    [MemberData(nameof(Eip55Vectors))]
    public void flipping_the_case_of_any_one_letter_of_a_checksummed_address_is_rejected(string address)
    {
        for (var i = 2; i < address.Length; i++)
        {
            if (!char.IsAsciiLetter(address[i])) continue;
            var flipped = address[..i] + (char.IsUpper(address[i]) ? char.ToLowerInvariant(address[i]) : char.ToUpperInvariant(address[i])) + address[(i + 1)..];

            WalletAddress.TryNormalize(flipped, out var checksummed).Should().BeFalse($"{flipped} has a broken checksum at position {i}");
            checksummed.Should().BeEmpty();
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beagd")]
    [InlineData("0x 5aaeb6053f3e94c9b9a09f33669435e7ef1beae")]
    [InlineData(" 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")]
    public void anything_but_0x_and_40_hex_digits_is_rejected(string? input) =>
        WalletAddress.TryNormalize(input, out _).Should().BeFalse();

    [Fact]
    public void non_ascii_digits_are_not_hex_digits() =>
        WalletAddress.TryNormalize("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea\u0661\u0662", out _).Should().BeFalse();

    [Theory]
    [MemberData(nameof(Eip55Vectors))]
    public void the_limit_key_of_a_wallet_is_the_same_whatever_its_letter_case(string address)
    {
        var key = WalletAddress.LimitKey(address);

        WalletAddress.LimitKey(address.ToLowerInvariant()).Should().Be(key);
        WalletAddress.LimitKey("0x" + address[2..].ToUpperInvariant()).Should().Be(key);
    }

    [Fact]
    public void different_wallets_have_different_limit_keys() =>
        WalletAddress.LimitKey("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
            .Should().NotBe(WalletAddress.LimitKey("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"));
}

public class WalletAddressAgainstNethereumTests
{
    // The checksum is computed here without Nethereum (it allocated ~5 KB per claim): Nethereum's AddressUtil is the reference.
    [Fact]
    public void every_address_is_checksummed_exactly_as_nethereum_does()
    {
        var random = new Random(30);
        var bytes = new byte[20];
        for (var n = 0; n < 2_000; n++)
        {
            random.NextBytes(bytes);
            var lower = "0x" + Convert.ToHexStringLower(bytes);
            var expected = Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(lower);

            WalletAddress.TryNormalize(lower, out var fromLower).Should().BeTrue();
            fromLower.Should().Be(expected);
            WalletAddress.TryNormalize("0x" + lower[2..].ToUpperInvariant(), out var fromUpper).Should().BeTrue();
            fromUpper.Should().Be(expected);
            WalletAddress.TryNormalize(expected, out var kept).Should().BeTrue();
            kept.Should().Be(expected);
        }
    }
}
