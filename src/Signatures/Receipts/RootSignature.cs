using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using MicroEvents.Signatures.Challenges;

namespace MicroEvents.Signatures.Receipts;

/// <summary>
/// EIP-191 personal signatures over a 32-byte batch root (<c>"\x19Ethereum Signed Message:\n32" ‖ root</c>),
/// what ethers' <c>signMessage(getBytes(root))</c> makes and OpenZeppelin's <c>toEthSignedMessageHash</c> checks.
/// </summary>
public static class RootSignature
{
    public static string Sign(byte[] root, EthECKey key) =>
        RecoverableSignature.Sign(new EthereumMessageSigner().HashPrefixedMessage(root), key.GetPrivateKeyAsBytes()).ToHex(prefix: true);

    /// <summary>The checksummed signer, or null for a malformed or malleable (high-s) signature.</summary>
    public static string? Signer(byte[] root, string signature)
    {
        if (!WalletSignature.TryParse(signature, out var parsed) || !parsed.IsLowS) return null;
        return parsed.RecoverSigner(new EthereumMessageSigner().HashPrefixedMessage(root));
    }

    public static string Hex(byte[] bytes) => bytes.ToHex(prefix: true);
}
