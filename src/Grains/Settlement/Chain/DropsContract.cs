using System.Numerics;
using MicroEvents.Receipts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace MicroEvents.Settlement.Chain;

/// <summary>The deployed MicroEventsDrops contract as seen through one account's <see cref="Web3"/>.</summary>
public sealed class DropsContract(IWeb3 web3, string address)
{
    public string Address { get; } = address;

    public static async Task<DropsContract> Deploy(IWeb3 web3, string settlementSigner, string metadataBase)
    {
        var deployment = new DropsContractDeployment { Signer = settlementSigner, MetadataBase = metadataBase };
        var receipt = await web3.Eth.GetContractDeploymentHandler<DropsContractDeployment>().SendRequestAndWaitForReceiptAsync(deployment);
        if (receipt.Status.Value != 1) throw new InvalidOperationException("Deploying the drops contract failed.");
        return new DropsContract(web3, receipt.ContractAddress);
    }

    public async Task<bool> Exists() => (await web3.Eth.GetCode.SendRequestAsync(Address)) is { Length: > 2 } code && code != "0x";

    public Task<bool> IsAnchored(string dropId, string root) =>
        web3.Eth.GetContractQueryHandler<IsAnchoredFunction>().QueryAsync<bool>(Address, new IsAnchoredFunction { DropId = dropId, Root = root.HexToByteArray() });

    public Task<BigInteger> TokenIdOf(string dropId, long tokenNumber) =>
        web3.Eth.GetContractQueryHandler<TokenIdOfFunction>().QueryAsync<BigInteger>(Address, new TokenIdOfFunction { DropId = dropId, TokenNumber = tokenNumber });

    public Task<string> OwnerOf(BigInteger tokenId) =>
        web3.Eth.GetContractQueryHandler<OwnerOfFunction>().QueryAsync<string>(Address, new OwnerOfFunction { TokenId = tokenId });

    public Task<string> TokenUri(BigInteger tokenId) =>
        web3.Eth.GetContractQueryHandler<TokenUriFunction>().QueryAsync<string>(Address, new TokenUriFunction { TokenId = tokenId });

    public Task<byte[]> LeafOf(ReceiptLeafView leaf) =>
        web3.Eth.GetContractQueryHandler<LeafOfFunction>().QueryAsync<byte[]>(Address, new LeafOfFunction { Receipt = Tuple(leaf) });

    /// <summary>Anchors with the account's own nonce and fees, waiting for the receipt (deploy-time and test use; the settlement actor signs its own).</summary>
    public Task<TransactionReceipt> Anchor(string dropId, string root) =>
        web3.Eth.GetContractTransactionHandler<AnchorFunction>().SendRequestAndWaitForReceiptAsync(Address, new AnchorFunction { DropId = dropId, Root = root.HexToByteArray() });

    /// <summary>Mints the receipt's token to <paramref name="to"/>; reverts (an exception) on a bad proof, an unanchored root or a second claim.</summary>
    public Task<TransactionReceipt> Claim(ReceiptView receipt, string to) =>
        web3.Eth.GetContractTransactionHandler<ClaimFunction>().SendRequestAndWaitForReceiptAsync(Address, new ClaimFunction
        {
            Receipt = Tuple(receipt.Leaf),
            Root = receipt.Root.HexToByteArray(),
            Proof = receipt.Proof.Select(p => p.HexToByteArray()).ToList(),
            To = to,
        });

    /// <summary>Mints the receipt's token to <paramref name="to"/> on a hand-off signed by its holder or the settlement signer; anyone may send it.</summary>
    public Task<TransactionReceipt> ClaimHandedOff(ReceiptView receipt, string to, string handOff) =>
        web3.Eth.GetContractTransactionHandler<ClaimHandedOffFunction>().SendRequestAndWaitForReceiptAsync(Address, new ClaimHandedOffFunction
        {
            Receipt = Tuple(receipt.Leaf),
            Root = receipt.Root.HexToByteArray(),
            Proof = receipt.Proof.Select(p => p.HexToByteArray()).ToList(),
            To = to,
            HandOff = handOff.HexToByteArray(),
        });

    public Task<byte[]> HandOffDigest(byte[] leaf, string to) =>
        web3.Eth.GetContractQueryHandler<HandOffDigestFunction>().QueryAsync<byte[]>(Address, new HandOffDigestFunction { Leaf = leaf, To = to });

    /// <summary>The token's owner, or null while it is not minted.</summary>
    public async Task<string?> OwnerIfMinted(string dropId, long tokenNumber) =>
        await IsClaimed(dropId, tokenNumber) ? await OwnerOf(TokenIds.Of(dropId, tokenNumber)) : null;

    public Task<bool> IsClaimed(string dropId, long tokenNumber) =>
        web3.Eth.GetContractQueryHandler<IsClaimedFunction>().QueryAsync<bool>(Address, new IsClaimedFunction { DropId = dropId, TokenNumber = tokenNumber });

    public async Task<int> AnchorEventsFor(string root)
    {
        var handler = web3.Eth.GetEvent<RootAnchoredEvent>(Address);
        var filter = handler.CreateFilterInput(BlockParameter.CreateEarliest(), BlockParameter.CreateLatest());
        var logs = await handler.GetAllChangesAsync(filter);
        return logs.Count(l => l.Event.Root.ToHex().Equals(root.RemoveHexPrefix(), StringComparison.OrdinalIgnoreCase));
    }

    public static ReceiptTuple Tuple(ReceiptLeafView leaf) => new()
    {
        DropId = leaf.DropId,
        TokenNumber = leaf.TokenNumber,
        ClaimId = leaf.ClaimId,
        Holder = leaf.Holder,
        ManifestHash = leaf.ManifestHash.HexToByteArray(),
        MintedAt = leaf.MintedAt,
    };
}
