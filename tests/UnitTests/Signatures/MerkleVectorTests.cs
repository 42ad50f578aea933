using System.Text.Json;
using MicroEvents.Signatures.Receipts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Util;

namespace MicroEvents.UnitTests.Signatures;

/// <summary>Pinned against tools/vectors (OpenZeppelin's merkle-tree and ethers), an implementation we did not write.</summary>
public class MerkleVectorTests
{
    private static readonly JsonElement Vectors =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Signatures", "Vectors", "merkle.json"))).RootElement;

    // The vectors' signer: tools/vectors/make-vectors.mjs derives it the same way.
    private static readonly EthECKey VectorKey = new(Sha3Keccack.Current.CalculateHash(System.Text.Encoding.UTF8.GetBytes("microevents test drop key")), true);

    public static TheoryData<int> Trees() => new(Enumerable.Range(0, Vectors.GetProperty("trees").GetArrayLength()));

    [Theory, MemberData(nameof(Trees))]
    public void leaves_roots_and_proofs_match_OpenZeppelins_StandardMerkleTree(int tree)
    {
        var expected = Vectors.GetProperty("trees")[tree];
        var leaves = expected.GetProperty("leaves").EnumerateArray().ToList();
        var ours = new MerkleTree(leaves.Select(l => Leaf(l).Hash()));

        ours.Root.ToHex(prefix: true).Should().Be(expected.GetProperty("root").GetString());
        foreach (var leaf in leaves)
        {
            var hash = Leaf(leaf).Hash();
            hash.ToHex(prefix: true).Should().Be(leaf.GetProperty("hash").GetString());
            ours.ProofFor(hash).Select(p => p.ToHex(prefix: true)).Should()
                .Equal(leaf.GetProperty("proof").EnumerateArray().Select(p => p.GetString()));
            MerkleProof.Verify(ours.ProofFor(hash), ours.Root, hash).Should().BeTrue();
        }
    }

    [Theory, MemberData(nameof(Trees))]
    public void roots_are_signed_exactly_as_ethers_signMessage_does(int tree)
    {
        var expected = Vectors.GetProperty("trees")[tree];
        var root = expected.GetProperty("root").GetString()!.HexToByteArray();
        VectorKey.GetPublicAddress().Should().Be(Vectors.GetProperty("signer").GetString());

        RootSignature.Sign(root, VectorKey).Should().Be(expected.GetProperty("rootSignature").GetString());
        RootSignature.Signer(root, expected.GetProperty("rootSignature").GetString()!).Should().Be(Vectors.GetProperty("signer").GetString());
    }

    [Fact]
    public void a_proof_does_not_verify_against_another_trees_root()
    {
        var trees = Vectors.GetProperty("trees");
        var leaf = trees[4].GetProperty("leaves")[0];
        var proof = leaf.GetProperty("proof").EnumerateArray().Select(p => p.GetString()!.HexToByteArray());

        MerkleProof.Verify(proof, trees[5].GetProperty("root").GetString()!.HexToByteArray(), Leaf(leaf).Hash()).Should().BeFalse();
    }

    private static ReceiptLeaf Leaf(JsonElement leaf)
    {
        var v = leaf.GetProperty("values").EnumerateArray().Select(x => x.GetString()!).ToArray();
        return new ReceiptLeaf(v[0], long.Parse(v[1]), v[2], v[3], v[4], long.Parse(v[5]));
    }
}
