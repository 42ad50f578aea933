using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MicroEvents.Settlement.Chain;

// The ABI of contracts/MicroEventsDrops.sol as Nethereum messages; the artifact test keeps them honest.

[Function("anchor")]
public sealed class AnchorFunction : FunctionMessage
{
    [Parameter("string", "dropId", 1)] public string DropId { get; set; } = "";
    [Parameter("bytes32", "root", 2)] public byte[] Root { get; set; } = [];
}

[Function("isAnchored", "bool")]
public sealed class IsAnchoredFunction : FunctionMessage
{
    [Parameter("string", "dropId", 1)] public string DropId { get; set; } = "";
    [Parameter("bytes32", "root", 2)] public byte[] Root { get; set; } = [];
}

[Function("tokenIdOf", "uint256")]
public sealed class TokenIdOfFunction : FunctionMessage
{
    [Parameter("string", "dropId", 1)] public string DropId { get; set; } = "";
    [Parameter("uint256", "tokenNumber", 2)] public BigInteger TokenNumber { get; set; }
}

[Function("leafOf", "bytes32")]
public sealed class LeafOfFunction : FunctionMessage
{
    [Parameter("tuple", "receipt", 1)] public ReceiptTuple Receipt { get; set; } = new();
}

[Function("claim", "uint256")]
public sealed class ClaimFunction : FunctionMessage
{
    [Parameter("tuple", "receipt", 1)] public ReceiptTuple Receipt { get; set; } = new();
    [Parameter("bytes32", "root", 2)] public byte[] Root { get; set; } = [];
    [Parameter("bytes32[]", "proof", 3)] public List<byte[]> Proof { get; set; } = [];
    [Parameter("address", "to", 4)] public string To { get; set; } = "";
}

[Function("ownerOf", "address")]
public sealed class OwnerOfFunction : FunctionMessage
{
    [Parameter("uint256", "tokenId", 1)] public BigInteger TokenId { get; set; }
}

[Function("tokenURI", "string")]
public sealed class TokenUriFunction : FunctionMessage
{
    [Parameter("uint256", "tokenId", 1)] public BigInteger TokenId { get; set; }
}

/// <summary>The contract's <c>Receipt</c> struct: the receipt leaf's fields in their abi order.</summary>
public sealed class ReceiptTuple
{
    [Parameter("string", "dropId", 1)] public string DropId { get; set; } = "";
    [Parameter("uint256", "tokenNumber", 2)] public BigInteger TokenNumber { get; set; }
    [Parameter("string", "claimId", 3)] public string ClaimId { get; set; } = "";
    [Parameter("address", "holder", 4)] public string Holder { get; set; } = "";
    [Parameter("bytes32", "manifestHash", 5)] public byte[] ManifestHash { get; set; } = [];
    [Parameter("uint256", "mintedAt", 6)] public BigInteger MintedAt { get; set; }
}

[Event("RootAnchored")]
public sealed class RootAnchoredEvent : IEventDTO
{
    [Parameter("string", "dropId", 1, false)] public string DropId { get; set; } = "";
    [Parameter("bytes32", "dropKey", 2, true)] public byte[] DropKey { get; set; } = [];
    [Parameter("bytes32", "root", 3, true)] public byte[] Root { get; set; } = [];
}

public sealed class DropsContractDeployment : ContractDeploymentMessage
{
    public DropsContractDeployment() : base(ContractArtifact.Drops.Bytecode) { }

    [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
    [Parameter("string", "metadataBase", 2)] public string MetadataBase { get; set; } = "";
}

[Error("InvalidProof")]
public sealed class InvalidProofError;

[Error("AlreadyAnchored")]
public sealed class AlreadyAnchoredError
{
    [Parameter("string", "dropId", 1)] public string DropId { get; set; } = "";
    [Parameter("bytes32", "root", 2)] public byte[] Root { get; set; } = [];
}

[Error("NotSettlementSigner")]
public sealed class NotSettlementSignerError
{
    [Parameter("address", "caller", 1)] public string Caller { get; set; } = "";
}

[Error("NotTheHolder")]
public sealed class NotTheHolderError
{
    [Parameter("address", "caller", 1)] public string Caller { get; set; } = "";
    [Parameter("address", "holder", 2)] public string Holder { get; set; } = "";
}

/// <summary>OpenZeppelin's ERC-721 error when a token id is minted again: what a second claim of a token reverts with.</summary>
[Error("ERC721InvalidSender")]
public sealed class TokenAlreadyClaimedError
{
    [Parameter("address", "sender", 1)] public string Sender { get; set; } = "";
}

[Function("claimHandedOff", "uint256")]
public sealed class ClaimHandedOffFunction : FunctionMessage
{
    [Parameter("tuple", "receipt", 1)] public ReceiptTuple Receipt { get; set; } = new();
    [Parameter("bytes32", "root", 2)] public byte[] Root { get; set; } = [];
    [Parameter("bytes32[]", "proof", 3)] public List<byte[]> Proof { get; set; } = [];
    [Parameter("address", "to", 4)] public string To { get; set; } = "";
    [Parameter("bytes", "handOff", 5)] public byte[] HandOff { get; set; } = [];
}

[Function("handOffDigest", "bytes32")]
public sealed class HandOffDigestFunction : FunctionMessage
{
    [Parameter("bytes32", "leaf", 1)] public byte[] Leaf { get; set; } = [];
    [Parameter("address", "to", 2)] public string To { get; set; } = "";
}

[Function("isClaimed", "bool")]
public sealed class IsClaimedFunction : FunctionMessage
{
    [Parameter("string", "dropId", 1)] public string DropId { get; set; } = "";
    [Parameter("uint256", "tokenNumber", 2)] public BigInteger TokenNumber { get; set; }
}

[Error("InvalidHandOff")]
public sealed class InvalidHandOffError
{
    [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
}
