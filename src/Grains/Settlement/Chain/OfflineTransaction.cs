using System.Numerics;
using MicroEvents.Signatures;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;

namespace MicroEvents.Settlement.Chain;

/// <summary>
/// An EIP-1559 transaction of the settlement signer with explicit nonce, gas and fees, signed offline. Signed with
/// <see cref="TransactionSignature"/> rather than through Nethereum's transaction manager: same raw bytes, without the
/// recovery-id search that was the settlement's largest allocation (issue #30).
/// </summary>
internal sealed record OfflineTransaction(long ChainId, string To, string? Data, long Nonce, long Gas, BigInteger MaxFeePerGas, BigInteger Tip)
{
    /// <summary>A contract call carrying its own nonce, gas and fees (no value is ever sent).</summary>
    public static OfflineTransaction Call<TFunction>(long chainId, string contract, TFunction call) where TFunction : FunctionMessage, new() =>
        new(chainId, contract, call.GetCallData().ToHex(prefix: true), (long)call.Nonce!.Value, (long)call.Gas!.Value,
            call.MaxFeePerGas!.Value, call.MaxPriorityFeePerGas!.Value);

    /// <summary>The signed raw transaction, 0x-prefixed.</summary>
    public string Signed(byte[] privateKey) =>
        TransactionSignature.SignedRaw(new Transaction1559(ChainId, Nonce, Tip, MaxFeePerGas, Gas, To, BigInteger.Zero, Data, null), privateKey);
}
