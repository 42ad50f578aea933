using System.Numerics;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace MicroEvents.Signatures.Receipts;

/// <summary>
/// One mint as a Merkle leaf, encoded like OpenZeppelin's <c>StandardMerkleTree</c> with the types
/// <c>(string drop, uint256 tokenNumber, string claimId, address holder, bytes32 manifestHash, uint256 mintedAt)</c>:
/// <c>keccak256(keccak256(abi.encode(…)))</c>. The double hash keeps a leaf from ever passing as an inner node.
/// <see cref="Holder"/> is the claimant's wallet, or for a custodial claim the address holding it in escrow;
/// <see cref="MintedAt"/> is in Unix seconds.
/// </summary>
public sealed record ReceiptLeaf(string DropId, long TokenNumber, string ClaimId, string Holder, string ManifestHash, long MintedAt)
{
    public static IReadOnlyList<string> Encoding { get; } = ["string", "uint256", "string", "address", "bytes32", "uint256"];

    public byte[] Hash()
    {
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(Holder)) throw new FormatException("The holder is not an address.");
        var encoded = new ABIEncode().GetABIEncoded(
            new ABIValue("string", DropId),
            new ABIValue("uint256", new BigInteger(TokenNumber)),
            new ABIValue("string", ClaimId),
            new ABIValue("address", Holder),
            new ABIValue("bytes32", ManifestBytes()),
            new ABIValue("uint256", new BigInteger(MintedAt)));
        return Keccak(Keccak(encoded));
    }

    private byte[] ManifestBytes()
    {
        var hex = ManifestHash.StartsWith("0x", StringComparison.Ordinal) ? ManifestHash[2..] : ManifestHash;
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit)
            ? hex.HexToByteArray()
            : throw new FormatException("The manifest hash is not 32 bytes of hex.");
    }

    internal static byte[] Keccak(byte[] data) => Sha3Keccack.Current.CalculateHash(data);
}
