namespace MicroEvents.Venues;

/// <summary>Problem types of venue nodes, keys and quotas, beside the node actor's decisions.</summary>
public static class VenueRejectionCodes
{
    public const string NodeNotFound = "node-not-found";
    public const string NodeExists = "node-exists";
    public const string VenueNotFound = "venue-not-found";
    public const string InvalidKeyChain = "invalid-key-chain";
    public const string KeyNotFound = "key-not-found";
    public const string KeyRevoked = "key-revoked";
    public const string QuotaUnavailable = "quota-unavailable";
    public const string NoQuotaHeld = "no-quota-held";
    public const string VoucherNotFound = "voucher-not-found";

    public static IEnumerable<KeyValuePair<string, int>> Statuses =>
    [
        new(NodeNotFound, 404),
        new(NodeExists, 409),
        new(VenueNotFound, 404),
        new(InvalidKeyChain, 400),
        new(KeyNotFound, 404),
        new(KeyRevoked, 409),
        new(QuotaUnavailable, 409),
        new(NoQuotaHeld, 409),
        new(VoucherNotFound, 404),
    ];
}
