using System.Security.Cryptography;

namespace MicroEvents.Gateway.Secrets;

/// <summary>
/// A secret every member of one deployment must hold the same value of: a silo and a gateway with
/// different claim keys refuse each other's challenges; silos with different key-encryption keys cannot
/// unwrap each other's drop signing keys.
/// </summary>
public sealed record SharedSecret(string Key, string Purpose, bool NeededBySilos, bool NeededByGateways, Func<string> Make)
{
    /// <summary>The environment variable that sets it (and overrides the secrets file).</summary>
    public string Variable => Key.Replace(":", "__");

    public static readonly SharedSecret ClaimKey = new("Claims:SecretKey",
        "HMAC key for claim challenges, email and code hashes (base64, 32 bytes)", NeededBySilos: true, NeededByGateways: true,
        () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    public static readonly SharedSecret KeyEncryptionKey = new("Receipts:KeyEncryptionKey",
        "wraps every drop's receipt-signing key (base64, 32 bytes); losing it makes stored signing keys unreadable", NeededBySilos: true, NeededByGateways: false,
        () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    public static readonly SharedSecret PartnerCallbackSecret = new("Fulfilment:Partner:CallbackSecret",
        "HMAC key of the fulfilment partner's status callbacks (hex); give the partner this value, or replace it with theirs", NeededBySilos: false, NeededByGateways: false,
        () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    /// <summary>What <c>secrets init</c> writes, in file order.</summary>
    public static readonly IReadOnlyList<SharedSecret> All = [ClaimKey, KeyEncryptionKey, PartnerCallbackSecret];
}
