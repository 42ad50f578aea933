using MicroEvents.Signatures.Receipts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace MicroEvents.UnitTests.Signatures;

public class ReceiptTamperTests
{
    private readonly EthECKey _dropKey = EthECKey.GenerateKey();

    private IReadOnlyList<BatchReceipt> Batch(int size)
    {
        var leaves = Enumerable.Range(1, size).Select(i => new ReceiptLeaf("summer-jam", i, $"phone-{i}",
            EthECKey.GenerateKey().GetPublicAddress(), "0x" + new string('a', 64), 1_764_000_000 + i)).ToList();
        var tree = new MerkleTree(leaves.Select(l => l.Hash()));
        var signature = RootSignature.Sign(tree.Root, _dropKey);
        return leaves.Select(l => new BatchReceipt(l, tree.ProofFor(l.Hash()).Select(p => p.ToHex(prefix: true)).ToList(),
            tree.Root.ToHex(prefix: true), signature, _dropKey.GetPublicAddress())).ToList();
    }

    [Fact]
    public void every_receipt_of_a_batch_verifies_with_the_drops_address()
    {
        foreach (var receipt in Batch(7))
            ReceiptVerifier.Verify(receipt, _dropKey.GetPublicAddress()).Should().Be(ReceiptVerdict.Valid);
    }

    [Fact]
    public void changing_any_leaf_field_breaks_the_proof()
    {
        var r = Batch(5)[2];
        var tampered = new[]
        {
            r.Leaf with { DropId = "winter-jam" },
            r.Leaf with { TokenNumber = r.Leaf.TokenNumber + 1 },
            r.Leaf with { ClaimId = "phone-99" },
            r.Leaf with { Holder = EthECKey.GenerateKey().GetPublicAddress() },
            r.Leaf with { ManifestHash = "0x" + new string('b', 64) },
            r.Leaf with { MintedAt = r.Leaf.MintedAt + 1 },
        };
        foreach (var leaf in tampered)
            ReceiptVerifier.Verify(r with { Leaf = leaf }).Should().Be(ReceiptVerdict.ProofMismatch);
    }

    [Fact]
    public void changing_the_proof_or_the_root_breaks_the_receipt()
    {
        var r = Batch(5)[0];
        var otherBatch = Batch(5)[0];

        ReceiptVerifier.Verify(r with { Proof = [.. r.Proof.Skip(1)] }).Should().Be(ReceiptVerdict.ProofMismatch);
        ReceiptVerifier.Verify(r with { Proof = [Flip(r.Proof[0]), .. r.Proof.Skip(1)] }).Should().Be(ReceiptVerdict.ProofMismatch);
        ReceiptVerifier.Verify(r with { Root = otherBatch.Root }).Should().Be(ReceiptVerdict.ProofMismatch);
    }

    [Fact]
    public void changing_the_signature_or_claiming_another_signer_is_detected()
    {
        var r = Batch(3)[1];
        var stranger = EthECKey.GenerateKey();

        ReceiptVerifier.Verify(r with { Signature = Flip(r.Signature[..^2]) + r.Signature[^2..] }).Should().Be(ReceiptVerdict.BadSignature);
        ReceiptVerifier.Verify(r with { Signature = SignedChallenges.HighSTwin(r.Signature) }).Should().Be(ReceiptVerdict.BadSignature);
        ReceiptVerifier.Verify(r with { Signer = stranger.GetPublicAddress() }).Should().Be(ReceiptVerdict.BadSignature);
        ReceiptVerifier.Verify(r with { Signature = RootSignature.Sign(r.Root.HexToByteArray(), stranger), Signer = stranger.GetPublicAddress() },
            expectedSigner: _dropKey.GetPublicAddress()).Should().Be(ReceiptVerdict.UnexpectedSigner);
    }

    [Fact]
    public void unreadable_fields_make_a_malformed_receipt_not_a_crash()
    {
        var r = Batch(2)[0];

        ReceiptVerifier.Verify(r with { Root = "0x12" }).Should().Be(ReceiptVerdict.Malformed);
        ReceiptVerifier.Verify(r with { Proof = ["zz"] }).Should().Be(ReceiptVerdict.Malformed);
        ReceiptVerifier.Verify(r with { Leaf = r.Leaf with { ManifestHash = "nope" } }).Should().Be(ReceiptVerdict.Malformed);
        ReceiptVerifier.Verify(r with { Leaf = r.Leaf with { Holder = "0x123" } }).Should().Be(ReceiptVerdict.Malformed);
    }

    // Changes one hex digit in the middle of the value.
    private static string Flip(string hex)
    {
        var i = hex.Length / 2;
        return hex[..i] + (hex[i] == '0' ? '1' : '0') + hex[(i + 1)..];
    }
}
