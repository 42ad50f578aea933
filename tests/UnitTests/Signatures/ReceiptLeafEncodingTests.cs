using System.Numerics;
using MicroEvents.Signatures.Receipts;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace MicroEvents.UnitTests.Signatures;

/// <summary>
/// The leaf is abi-encoded by hand (issue #30: sealing hashes every mint); Nethereum's ABI encoder is the reference, over
/// strings of every length class (empty, under, at and over a 32-byte word, multi-byte UTF-8) and the full range of numbers.
/// </summary>
public class ReceiptLeafEncodingTests
{
    public static TheoryData<string, string> Strings => new()
    {
        { "", "c" },
        { "summer-jam", "phone-42" },
        { new string('d', 32), new string('c', 31) },
        { new string('d', 33), new string('c', 64) },
        { "café-Ωmega-🎟", "ключ-" + new string('x', 100) },
    };

    [Theory, MemberData(nameof(Strings))]
    public void a_leaf_hashes_exactly_as_nethereums_abi_encoding_does(string drop, string claim)
    {
        var random = new Random(drop.Length * 31 + claim.Length);
        var address = new byte[20];
        var manifest = new byte[32];
        foreach (var (token, at) in new[] { (1L, 1_700_000_000L), (0L, 0L), (long.MaxValue, long.MaxValue), (123_456L, 4_102_444_800L) })
        {
            random.NextBytes(address);
            random.NextBytes(manifest);
            var holder = AddressUtil.Current.ConvertToChecksumAddress(address.ToHex(prefix: true));
            var leaf = new ReceiptLeaf(drop, token, claim, holder, manifest.ToHex(prefix: true), at);

            leaf.Hash().ToHex().Should().Be(Reference(leaf).ToHex());
        }
    }

    [Fact]
    public void a_malformed_holder_or_manifest_hash_does_not_encode()
    {
        var good = new ReceiptLeaf("d", 1, "c", "0x" + new string('a', 40), "0x" + new string('b', 64), 1);
        good.Hash().Should().HaveCount(32);

        FluentActions.Invoking(() => (good with { Holder = "0x" + new string('a', 39) }).Hash()).Should().Throw<FormatException>();
        FluentActions.Invoking(() => (good with { Holder = "0x" + new string('g', 40) }).Hash()).Should().Throw<FormatException>();
        FluentActions.Invoking(() => (good with { ManifestHash = "0x" + new string('b', 63) }).Hash()).Should().Throw<FormatException>();
        FluentActions.Invoking(() => (good with { ManifestHash = "0x" + new string('z', 64) }).Hash()).Should().Throw<FormatException>();
    }

    private static byte[] Reference(ReceiptLeaf l)
    {
        var encoded = new ABIEncode().GetABIEncoded(
            new ABIValue("string", l.DropId), new ABIValue("uint256", new BigInteger(l.TokenNumber)), new ABIValue("string", l.ClaimId),
            new ABIValue("address", l.Holder), new ABIValue("bytes32", l.ManifestHash.HexToByteArray()), new ABIValue("uint256", new BigInteger(l.MintedAt)));
        return Sha3Keccack.Current.CalculateHash(Sha3Keccack.Current.CalculateHash(encoded));
    }
}
