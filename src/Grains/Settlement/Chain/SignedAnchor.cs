using System.Numerics;

namespace MicroEvents.Settlement;

/// <summary>An <c>anchor(dropId, root)</c> transaction signed offline: its hash is known before it is broadcast.</summary>
public sealed record SignedAnchor(string DropId, string Root, long Nonce, long GasLimit, BigInteger MaxFeePerGas,
    BigInteger MaxPriorityFeePerGas, string RawTransaction, string TxHash);
