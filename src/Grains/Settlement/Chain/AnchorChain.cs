using System.Numerics;
using Microsoft.Extensions.Options;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MicroEvents.Settlement.Chain;

/// <summary>
/// The settlement signer on its chain (Nethereum over JSON-RPC): what the settlement actor observes and
/// sends. Transactions are signed offline with explicit nonce and fees, so their hash is recorded before
/// they are broadcast (<see cref="OfflineTransaction"/>: Nethereum's bytes without its recovery-id search).
/// </summary>
public sealed class AnchorChain
{
    private readonly SettlementOptions _options;
    private readonly string _key;
    private readonly byte[] _keyBytes;
    private readonly Lazy<Task<Web3>> _web3;

    public AnchorChain(IOptions<SettlementOptions> options)
    {
        _options = options.Value;
        var key = _key = _options.SignerKey ?? throw new InvalidOperationException("Settlement:SignerKey is required.");
        _keyBytes = key.HexToByteArray();
        Signer = new Account(key).Address;
        _web3 = new(async () =>
        {
            var chainId = (long)(await new Web3(RpcUrl).Eth.ChainId.SendRequestAsync()).Value;
            ChainId = chainId;
            return new Web3(new Account(key, chainId), RpcUrl);
        });
    }

    public string RpcUrl => _options.RpcUrl ?? throw new InvalidOperationException("Settlement:RpcUrl is not set.");

    public string Signer { get; }

    public long ChainId { get; private set; }

    /// <summary>The settlement actor's key on this chain.</summary>
    public async Task<string> Key()
    {
        await _web3.Value;
        return SettlementKey.Of(ChainId, Signer);
    }

    private Task<Web3> Web3() => _web3.Value;

    public async Task<DropsContract> Contract(string address) => new(await Web3(), address);

    public async Task<DropsContract> Deploy() => await DropsContract.Deploy(await Web3(), Signer, _options.MetadataBaseUrl);

    public async Task<long> Head() => (long)(await (await Web3()).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

    public async Task<string?> BlockHash(long number) =>
        (await (await Web3()).Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(number)))?.BlockHash;

    /// <summary>Nonces spent in the latest block: the next one the chain will accept.</summary>
    public async Task<long> SpentNonces() =>
        (long)(await (await Web3()).Eth.Transactions.GetTransactionCount.SendRequestAsync(Signer, BlockParameter.CreateLatest())).Value;

    public async Task<FeeQuote> Fees()
    {
        var latest = await (await Web3()).Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        var baseFee = latest.BaseFeePerGas?.Value ?? BigInteger.Zero;
        return new FeeQuote(baseFee, Wei(_options.PriorityFeeGwei), Wei(_options.MaxFeePerGasGwei));
    }

    public async Task<SignedAnchor> Sign(string contract, string dropId, string root, long nonce, BigInteger maxFee, BigInteger tip)
    {
        await Web3();
        var anchor = new AnchorFunction
        {
            DropId = dropId, Root = root.HexToByteArray(), Nonce = nonce, Gas = _options.GasLimit,
            MaxFeePerGas = maxFee, MaxPriorityFeePerGas = tip, TransactionType = 2,
        };
        var raw = OfflineTransaction.Call(ChainId, contract, anchor).Signed(_keyBytes);
        var hash = Sha3Keccack.Current.CalculateHashFromHex(raw).EnsureHexPrefix();
        return new SignedAnchor(dropId, root, nonce, _options.GasLimit, maxFee, tip, raw, hash);
    }

    /// <summary>
    /// A 0-value transfer to the signer itself at <paramref name="nonce"/>: spends a nonce the node refused, so
    /// transactions already sent above it can be mined (see <see cref="SettlementDecisions.FillGap"/>).
    /// </summary>
    public async Task<SignedAnchor> SignGapFiller(long nonce, BigInteger maxFee, BigInteger tip)
    {
        await Web3();
        var raw = new OfflineTransaction(ChainId, Signer, null, nonce, GapFillerGas, maxFee, tip).Signed(_keyBytes);
        var hash = Sha3Keccack.Current.CalculateHashFromHex(raw).EnsureHexPrefix();
        return new SignedAnchor("", "", nonce, GapFillerGas, maxFee, tip, raw, hash);
    }

    /// <summary><c>claimHandedOff</c> of a receipt's token to <paramref name="to"/> with the custody account's own hand-off, signed offline like an anchor.</summary>
    public async Task<SignedAnchor> SignDelivery(string contract, Receipts.ReceiptView receipt, string to, long nonce, BigInteger maxFee, BigInteger tip)
    {
        await Web3();
        var l = receipt.Leaf;
        var leaf = new Signatures.Receipts.ReceiptLeaf(l.DropId, l.TokenNumber, l.ClaimId, l.Holder, l.ManifestHash, l.MintedAt).Hash();
        var delivery = new ClaimHandedOffFunction
        {
            Receipt = DropsContract.Tuple(l), Root = receipt.Root.HexToByteArray(), Proof = receipt.Proof.Select(p => p.HexToByteArray()).ToList(),
            To = to, HandOff = (await AttestHandOff(contract, leaf, to)).HexToByteArray(),
            Nonce = nonce, Gas = _options.DeliveryGasLimit, MaxFeePerGas = maxFee, MaxPriorityFeePerGas = tip, TransactionType = 2,
        };
        var raw = OfflineTransaction.Call(ChainId, contract, delivery).Signed(_keyBytes);
        var hash = Sha3Keccack.Current.CalculateHashFromHex(raw).EnsureHexPrefix();
        return new SignedAnchor(l.DropId, "", nonce, _options.DeliveryGasLimit, maxFee, tip, raw, hash);
    }

    /// <summary>The custody account's EIP-712 hand-off of a receipt leaf's token to <paramref name="to"/> (see the contract's <c>claimHandedOff</c>).</summary>
    public async Task<string> AttestHandOff(string contract, byte[] leaf, string to)
    {
        await Web3();
        return HandOffs.Sign(_key, HandOffs.Digest(ChainId, contract, leaf, to));
    }

    /// <summary>A plain transfer's gas: all a gap filler needs.</summary>
    public const long GapFillerGas = 21_000;

    /// <summary>Broadcasts; null when the node took it, else the node's refusal (classified by <see cref="NodeRefusals"/>).</summary>
    public async Task<NodeRefusal?> Broadcast(string rawTransaction)
    {
        try
        {
            await (await Web3()).Eth.Transactions.SendRawTransaction.SendRequestAsync(rawTransaction);
            return null;
        }
        catch (RpcResponseException e) when (e.RpcError?.Message is { } message)
        {
            var refusal = new NodeRefusal(e.RpcError.Code, message, NodeRefusals.Classify(e.RpcError.Code, message));
            return refusal.Kind == RefusalKind.AlreadyKnown ? null : refusal;
        }
    }

    public async Task<bool> IsKnown(string txHash) =>
        await (await Web3()).Eth.Transactions.GetTransactionByHash.SendRequestAsync(txHash) is not null;

    public async Task<MinedTx?> Receipt(string txHash) =>
        await (await Web3()).Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash) is { BlockNumber: not null } r
            ? new MinedTx(txHash, (long)r.BlockNumber.Value, r.BlockHash, r.Status?.Value == 1)
            : null;

    public static BigInteger Wei(decimal gwei) => new(gwei * 1_000_000_000m);
}

/// <summary>The latest base fee with the configured tip and ceiling: offer <see cref="MaxFee"/>, pause above <see cref="Ceiling"/>.</summary>
public sealed record FeeQuote(BigInteger BaseFee, BigInteger Tip, BigInteger Ceiling)
{
    /// <summary>What a transaction would pay in the next block.</summary>
    public BigInteger Effective => BaseFee + Tip;

    public bool AboveCeiling => Effective > Ceiling;

    /// <summary>Room for the base fee to double, never above the ceiling.</summary>
    public BigInteger MaxFee => BigInteger.Min(Ceiling, 2 * BaseFee + Tip);
}

/// <summary>The node's JSON-RPC error for a transaction it would not take.</summary>
public sealed record NodeRefusal(int Code, string Message, RefusalKind Kind);

public sealed record MinedTx(string TxHash, long Block, string BlockHash, bool Succeeded);
