using Nethereum.Hex.HexConvertors.Extensions;

namespace MicroEvents.Signatures.Receipts;

/// <summary>Checks a receipt with nothing but the receipt itself and, ideally, the signer address the verifier trusts.</summary>
public static class ReceiptVerifier
{
    public static ReceiptVerdict Verify(BatchReceipt receipt, string? expectedSigner = null)
    {
        byte[] leaf, root;
        List<byte[]> proof;
        try
        {
            leaf = receipt.Leaf.Hash();
            root = Bytes32(receipt.Root);
            proof = receipt.Proof.Select(Bytes32).ToList();
        }
        // Any field a client could send that does not encode is a malformed receipt, never a crash.
        catch (Exception)
        {
            return ReceiptVerdict.Malformed;
        }

        if (!MerkleProof.Verify(proof, root, leaf)) return ReceiptVerdict.ProofMismatch;
        var signer = RootSignature.Signer(root, receipt.Signature);
        if (signer is null || !string.Equals(signer, receipt.Signer, StringComparison.OrdinalIgnoreCase)) return ReceiptVerdict.BadSignature;
        if (expectedSigner is not null && !string.Equals(signer, expectedSigner, StringComparison.OrdinalIgnoreCase))
            return ReceiptVerdict.UnexpectedSigner;
        return ReceiptVerdict.Valid;
    }

    private static byte[] Bytes32(string hex) =>
        hex is { Length: 66 } && hex.StartsWith("0x", StringComparison.Ordinal) && hex.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF") == false
            ? hex.HexToByteArray()
            : throw new FormatException("Expected 0x + 64 hex digits.");
}
