using System.Text;
using MicroEvents.Signatures.Challenges;
using Nethereum.Signer;

namespace MicroEvents.Signatures.Custody;

/// <summary>
/// The EIP-191 personal messages a phone's ephemeral key signs to act on its custodial claim. Each names
/// the drop, the claim and the action (and the receiving wallet), so a signature can be used for nothing else.
/// </summary>
public static class CustodyMessages
{
    public static string Confirm(string dropId, string claimId) =>
        $"MicroEvents: confirm custody of claim {claimId} in drop {dropId}";

    public static string HandOff(string dropId, string claimId, string wallet) =>
        $"MicroEvents: hand off claim {claimId} in drop {dropId} to {wallet.ToLowerInvariant()}";

    public static string Sign(string message, EthECKey key) => new EthereumMessageSigner().EncodeUTF8AndSign(message, key);

    /// <summary>The checksummed signer, or null when the signature is malformed or malleable (high s).</summary>
    public static string? Signer(string message, string? signature)
    {
        if (!WalletSignature.TryParse(signature, out var parsed) || !parsed.IsLowS) return null;
        return parsed.RecoverSigner(new EthereumMessageSigner().HashPrefixedMessage(Encoding.UTF8.GetBytes(message)));
    }
}
