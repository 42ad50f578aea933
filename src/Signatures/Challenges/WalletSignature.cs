using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// A 65-byte secp256k1 signature <c>r ‖ s ‖ v</c> as wallets produce it (<c>v</c> 27/28, or 0/1), with
/// signer recovery. High-s signatures are malleable twins of valid ones (EIP-2): <see cref="IsLowS"/>
/// lets callers refuse them.
/// </summary>
public sealed class WalletSignature
{
    public const int Length = 65;

    private readonly EthECDSASignature _signature;

    private WalletSignature(EthECDSASignature signature) => _signature = signature;

    public bool IsLowS => _signature.IsLowS;

    public static bool TryParse(string? hex, out WalletSignature signature)
    {
        signature = null!;
        if (hex is not { Length: 2 + 2 * Length } || !hex.StartsWith("0x", StringComparison.Ordinal)) return false;
        foreach (var c in hex.AsSpan(2))
            if (!char.IsAsciiHexDigit(c)) return false;

        var bytes = hex.HexToByteArray();
        var v = bytes[64];
        if (v is not (0 or 1 or 27 or 28)) return false;
        var normalizedV = (byte)(v < 27 ? v + 27 : v);
        signature = new WalletSignature(EthECDSASignatureFactory.FromComponents(bytes[..32], bytes[32..64], normalizedV));
        return true;
    }

    /// <summary>The checksummed address whose key made this signature over <paramref name="digest"/>, or null if none can.</summary>
    public string? RecoverSigner(byte[] digest)
    {
        try
        {
            return EthECKey.RecoverFromSignature(_signature, digest)?.GetPublicAddress();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or ArithmeticException)
        {
            return null;
        }
    }
}
