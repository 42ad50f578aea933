namespace MicroEvents.Signatures.Receipts;

/// <summary>OpenZeppelin's <c>MerkleProof.processProof</c>: fold the proof into the leaf with sorted-pair keccak-256.</summary>
public static class MerkleProof
{
    public static bool Verify(IEnumerable<byte[]> proof, byte[] root, byte[] leafHash) =>
        Process(proof, leafHash).AsSpan().SequenceEqual(root);

    public static byte[] Process(IEnumerable<byte[]> proof, byte[] leafHash) =>
        proof.Aggregate(leafHash, HashPair);

    public static byte[] HashPair(byte[] a, byte[] b) =>
        a.AsSpan().SequenceCompareTo(b) <= 0 ? ReceiptLeaf.Keccak([.. a, .. b]) : ReceiptLeaf.Keccak([.. b, .. a]);
}
