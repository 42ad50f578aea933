using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;

namespace MicroEvents.Signatures;

/// <summary>
/// Signs an EIP-1559 transaction with <see cref="RecoverableSignature"/> and encodes it with Nethereum's own types, so the
/// raw bytes are exactly Nethereum's <c>Transaction1559Signer</c>'s without its recovery-id search (issue #30: that search,
/// on Nethereum's BigInteger curve, was the settlement's largest allocation, ~8 KB a claim with every reader on).
/// </summary>
public static class TransactionSignature
{
    /// <summary>The signed raw transaction, 0x-prefixed, as <c>eth_sendRawTransaction</c> takes it.</summary>
    public static string SignedRaw(Transaction1559 transaction, byte[] privateKey)
    {
        var signature = RecoverableSignature.Sign(transaction.RawHash, privateKey);
        // Nethereum's shapes: r and s without leading zeros, v the y parity alone (typed transactions carry no 27 offset).
        transaction.SetSignature(new Signature(
            Trimmed(signature.AsSpan(0, 32)), Trimmed(signature.AsSpan(32, 32)), [(byte)(signature[64] - 27)]));
        return transaction.GetRLPEncoded().ToHex(prefix: true);
    }

    private static byte[] Trimmed(ReadOnlySpan<byte> unsigned)
    {
        var start = 0;
        while (start < unsigned.Length && unsigned[start] == 0) start++;
        return unsigned[start..].ToArray();
    }
}
