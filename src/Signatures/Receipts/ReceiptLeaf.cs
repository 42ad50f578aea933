using System.Buffers;
using System.Buffers.Binary;
using System.Text;
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
    private const int Word = 32;
    private const int HeadWords = 6;

    public static IReadOnlyList<string> Encoding { get; } = ["string", "uint256", "string", "address", "bytes32", "uint256"];

    public byte[] Hash()
    {
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(Holder) || Holder.Length != 42 || Holder.AsSpan(2).ContainsAnyExcept(HexDigits)) throw new FormatException("The holder is not an address.");
        var manifest = ManifestHex();
        if (TokenNumber < 0 || MintedAt < 0) throw new FormatException("A uint256 field of the leaf is negative.");

        // abi.encode written straight into one buffer (Nethereum's ABIEncode built an object graph per value, and
        // sealing hashes every mint: issue #30). Head: six words, the strings by offset; tail: each string's length
        // and its UTF-8 bytes, padded to a word. Pinned against Nethereum's encoding and OpenZeppelin's vectors.
        var drop = System.Text.Encoding.UTF8.GetByteCount(DropId);
        var claim = System.Text.Encoding.UTF8.GetByteCount(ClaimId);
        var length = (HeadWords + 1 + Words(drop) + 1 + Words(claim)) * Word;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var encoded = rented.AsSpan(0, length);
            encoded.Clear();
            var dropAt = HeadWords * Word;
            var claimAt = dropAt + (1 + Words(drop)) * Word;
            Uint(encoded, 0, dropAt);
            Uint(encoded, 1, TokenNumber);
            Uint(encoded, 2, claimAt);
            Convert.FromHexString(Holder.AsSpan(2), encoded.Slice(3 * Word + 12, 20), out _, out _);
            Convert.FromHexString(manifest, encoded.Slice(4 * Word, Word), out _, out _);
            Uint(encoded, 5, MintedAt);
            Uint(encoded, dropAt / Word, drop);
            System.Text.Encoding.UTF8.GetBytes(DropId, encoded[(dropAt + Word)..]);
            Uint(encoded, claimAt / Word, claim);
            System.Text.Encoding.UTF8.GetBytes(ClaimId, encoded[(claimAt + Word)..]);

            Span<byte> once = stackalloc byte[Keccak256.Size];
            Keccak256.Hash(encoded, once);
            return Keccak256.Hash(once);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Words(int bytes) => (bytes + Word - 1) / Word;

    // A uint256 word holding a non-negative long: big-endian in its last eight bytes.
    private static void Uint(Span<byte> encoded, int word, long value) =>
        BinaryPrimitives.WriteInt64BigEndian(encoded.Slice(word * Word + Word - 8, 8), value);

    private ReadOnlySpan<char> ManifestHex()
    {
        var hex = ManifestHash.AsSpan(ManifestHash.StartsWith("0x", StringComparison.Ordinal) ? 2 : 0);
        return hex.Length == 64 && !hex.ContainsAnyExcept(HexDigits)
            ? hex
            : throw new FormatException("The manifest hash is not 32 bytes of hex.");
    }

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");
}
