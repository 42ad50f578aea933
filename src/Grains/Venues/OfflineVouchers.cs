using System.Security.Cryptography;
using System.Text;
using MicroEvents.Signatures.Venues;
using Nethereum.Signer;

namespace MicroEvents.Venues;

/// <summary>How a node issues a voucher offline: the next sequence number of the drop, signed by its current key.</summary>
public static class OfflineVouchers
{
    public static SignedVoucher Issue(EthECKey key, string nodeId, string dropId, long sequence, string? wallet, string? email,
        DateTimeOffset issuedAt, TimeSpan lifetime, string? voucherId = null)
    {
        var emailHash = email is null ? null : EmailHash(email);
        var (issued, expires) = (NodeMessages.ToSeconds(issuedAt), NodeMessages.ToSeconds(issuedAt + lifetime));
        voucherId ??= $"v{sequence}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var text = NodeMessages.Voucher(dropId, nodeId, sequence, voucherId, NodeMessages.Claimant(wallet, emailHash), issued, expires);
        return new SignedVoucher(voucherId, dropId, nodeId, sequence, wallet, emailHash, issued, expires, NodeMessages.Sign(text, key));
    }

    /// <summary>SHA-256 (hex) of the trimmed, lower-cased email: what the voucher carries instead of the address.</summary>
    public static string EmailHash(string email) => NodeMessages.Sha256Hex(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant()));
}
