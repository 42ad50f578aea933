namespace MicroEvents.Receipts;

/// <summary>
/// A receipt as clients receive and verifiers accept it: the leaf's fields, its Merkle proof, the batch
/// root, the drop key's EIP-191 signature of the root and that key's address. Hex carries <c>0x</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReceiptView(
    [property: Id(0)] ReceiptLeafView Leaf,
    [property: Id(1)] IReadOnlyList<string> Proof,
    [property: Id(2)] string Root,
    [property: Id(3)] string Signature,
    [property: Id(4)] string Signer);

/// <summary>
/// The leaf: <c>abi.encode(string drop, uint256 tokenNumber, string claimId, address holder, bytes32 manifestHash, uint256 mintedAt)</c>,
/// hashed twice with keccak-256 as OpenZeppelin's StandardMerkleTree does. <see cref="MintedAt"/> is in Unix seconds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReceiptLeafView(
    [property: Id(0)] string DropId,
    [property: Id(1)] long TokenNumber,
    [property: Id(2)] string ClaimId,
    [property: Id(3)] string Holder,
    [property: Id(4)] string ManifestHash,
    [property: Id(5)] long MintedAt);
