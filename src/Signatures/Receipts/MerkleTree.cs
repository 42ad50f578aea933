namespace MicroEvents.Signatures.Receipts;

/// <summary>
/// A Merkle tree laid out exactly like OpenZeppelin's <c>StandardMerkleTree</c>: leaf hashes sorted
/// ascending, stored from the end of a complete binary tree in an array, inner nodes
/// <c>keccak256(sorted(a, b))</c>. So roots equal those of <c>@openzeppelin/merkle-tree</c>, and proofs
/// pass Solidity's <c>MerkleProof.verify</c>.
/// </summary>
public sealed class MerkleTree
{
    private readonly byte[][] _nodes;
    private readonly int _leafCount;
    // Built on the first proof asked for: sealing needs only the root (issue #30: a hex string per leaf was waste there).
    private Dictionary<string, int>? _indexOfLeaf;

    public MerkleTree(IEnumerable<byte[]> leafHashes)
    {
        var leaves = leafHashes.OrderBy(h => h, ByteOrder.Instance).ToArray();
        if (leaves.Length == 0) throw new ArgumentException("A Merkle tree needs at least one leaf.", nameof(leafHashes));
        if (leaves.Any(l => l.Length != 32)) throw new ArgumentException("Leaf hashes are 32 bytes.", nameof(leafHashes));

        _nodes = new byte[2 * leaves.Length - 1][];
        _leafCount = leaves.Length;
        for (var i = 0; i < leaves.Length; i++) _nodes[_nodes.Length - 1 - i] = leaves[i];
        for (var i = _nodes.Length - 1 - leaves.Length; i >= 0; i--)
            _nodes[i] = MerkleProof.HashPair(_nodes[2 * i + 1], _nodes[2 * i + 2]);
    }

    public byte[] Root => _nodes[0];

    /// <summary>The sibling hashes from the leaf up to the root.</summary>
    public IReadOnlyList<byte[]> ProofFor(byte[] leafHash)
    {
        if (!IndexOfLeaf().TryGetValue(Convert.ToHexString(leafHash), out var index))
            throw new ArgumentException("The leaf is not in this tree.", nameof(leafHash));
        var proof = new List<byte[]>();
        while (index > 0)
        {
            proof.Add(_nodes[index % 2 == 1 ? index + 1 : index - 1]);
            index = (index - 1) / 2;
        }
        return proof;
    }

    private Dictionary<string, int> IndexOfLeaf()
    {
        if (_indexOfLeaf is not null) return _indexOfLeaf;
        var index = new Dictionary<string, int>(_leafCount);
        // The first of equal leaves wins, as it did when the index was built in sorted order.
        for (var i = 0; i < _leafCount; i++) index.TryAdd(Convert.ToHexString(_nodes[_nodes.Length - 1 - i]), _nodes.Length - 1 - i);
        return _indexOfLeaf = index;
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
