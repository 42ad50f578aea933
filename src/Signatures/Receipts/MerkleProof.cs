namespace MicroEvents.Signatures.Receipts;

/// <summary>OpenZeppelin's <c>MerkleProof.processProof</c>: fold the proof into the leaf with sorted-pair keccak-256.</summary>
public static class MerkleProof
{
    public static bool Verify(IEnumerable<byte[]> proof, byte[] root, byte[] leafHash) =>
        Process(proof, leafHash).AsSpan().SequenceEqual(root);

    public static byte[] Process(IEnumerable<byte[]> proof, byte[] leafHash) =>
        proof.Aggregate(leafHash, HashPair);

    public static byte[] HashPair(byte[] a, byte[] b)
    {
        // The pair on the stack: a seal of 1,000 mints hashes ~1,000 pairs.
        // (A proof from a client may hold nodes of any length: those go to the heap.)
        var length = a.Length + b.Length;
        Span<byte> pair = length <= 2 * Keccak256.Size ? stackalloc byte[2 * Keccak256.Size] : new byte[length];
        var (first, second) = a.AsSpan().SequenceCompareTo(b) <= 0 ? (a, b) : (b, a);
        first.CopyTo(pair);
        second.CopyTo(pair[first.Length..]);
        return Keccak256.Hash(pair[..length]);
    }
}
