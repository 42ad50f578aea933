namespace MicroEvents.Signatures.Receipts;

/// <summary>
/// Everything needed to check one mint offline: the leaf's fields, its Merkle proof, the batch root,
/// the drop key's EIP-191 signature of that root and the signer's address. Hex values carry <c>0x</c>.
/// </summary>
public sealed record BatchReceipt(ReceiptLeaf Leaf, IReadOnlyList<string> Proof, string Root, string Signature, string Signer);
