using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MicroEvents.Signatures.Challenges;
using Nethereum.Signer;

namespace MicroEvents.Signatures.Venues;

/// <summary>
/// The EIP-191 personal messages a venue node's key signs. Each names its purpose and the node, so a
/// signature made for one can be used for nothing else; verifiers rebuild the text from the fields.
/// </summary>
public static class NodeMessages
{
    public const string TimestampHeader = "X-Node-Timestamp";
    public const string SignatureHeader = "X-Node-Signature";
    public const string NonceHeader = "X-Node-Nonce";

    /// <summary>Optional: the body's SHA-256 the node signed, so a body changed on the way is named as such.</summary>
    public const string BodyHashHeader = "X-Node-Body-Sha256";
    public const int MaxNonceLength = 64;

    /// <summary>
    /// What a node signs to authenticate one HTTP request: method, path with query, time, a fresh nonce (so two
    /// identical requests in one second still differ) and the body hash.
    /// </summary>
    public static string Request(string nodeId, string method, string pathAndQuery, long unixSeconds, string nonce, string bodySha256Hex) =>
        $"MicroEvents node request\nnode: {nodeId}\nmethod: {method.ToUpperInvariant()}\npath: {pathAndQuery}\ntimestamp: {unixSeconds.ToString(CultureInfo.InvariantCulture)}\nnonce: {nonce}\nbody-sha256: {bodySha256Hex}";

    /// <summary>What the current key signs to hand over to the next one.</summary>
    public static string Rotation(string nodeId, string fromAddress, string toAddress) =>
        $"MicroEvents node key rotation\nnode: {nodeId}\nfrom: {fromAddress.ToLowerInvariant()}\nto: {toAddress.ToLowerInvariant()}";

    /// <summary>
    /// The text of an offline voucher. The claimant is <c>wallet:0x…</c> (lower case) or <c>email-sha256:…</c>;
    /// times are UTC to the second, so a QR code round-trip cannot change them.
    /// </summary>
    public static string Voucher(string dropId, string nodeId, long sequence, string voucherId, string claimant,
        DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        $"MicroEvents voucher v1\ndrop: {dropId}\nnode: {nodeId}\nsequence: {sequence.ToString(CultureInfo.InvariantCulture)}\nvoucher: {voucherId}\nclaimant: {claimant}\nissued-at: {Time(issuedAt)}\nexpires-at: {Time(expiresAt)}";

    public static string Claimant(string? wallet, string? emailHash) =>
        wallet is not null ? "wallet:" + wallet.ToLowerInvariant() : "email-sha256:" + (emailHash ?? "").ToLowerInvariant();

    /// <summary>The text of a revocation list: its version, then one line per revoked key.</summary>
    public static string RevocationList(long version, IEnumerable<(string NodeId, string Address, DateTimeOffset EffectiveAt)> entries)
    {
        var text = new StringBuilder($"MicroEvents revocation list\nversion: {version.ToString(CultureInfo.InvariantCulture)}");
        foreach (var (node, address, effective) in entries)
            text.Append($"\nrevoked: {node} {address.ToLowerInvariant()} {Time(effective)}");
        return text.ToString();
    }

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Truncates to whole seconds, the precision voucher texts carry.</summary>
    public static DateTimeOffset ToSeconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sign(string message, EthECKey key) => new EthereumMessageSigner().EncodeUTF8AndSign(message, key);

    /// <summary>
    /// The signature as identity: lower case, with <c>v</c> written 27/28. A wallet's <c>v</c> 0/1 is the same signature,
    /// so a re-encoded copy must not count as a second voucher. Anything else is returned lower-cased as it came.
    /// </summary>
    public static string CanonicalSignature(string signature)
    {
        var lower = signature.ToLowerInvariant();
        return lower.Length == 132 && lower.StartsWith("0x", StringComparison.Ordinal) && lower[130..] is "00" or "01"
            ? lower[..130] + (lower[130..] == "00" ? "1b" : "1c")
            : lower;
    }

    /// <summary>The checksummed signer, or null when the signature is malformed or malleable (high s).</summary>
    public static string? Signer(string message, string? signature)
    {
        if (!WalletSignature.TryParse(signature, out var parsed) || !parsed.IsLowS) return null;
        return parsed.RecoverSigner(new EthereumMessageSigner().HashPrefixedMessage(Encoding.UTF8.GetBytes(message)));
    }
}
