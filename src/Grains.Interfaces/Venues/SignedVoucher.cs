namespace MicroEvents.Venues;

/// <summary>
/// A voucher a node issued offline: the claimant is named by a wallet or by the SHA-256 of their email
/// (never the email itself), and <see cref="Signature"/> is the node key's EIP-191 signature over its text
/// (<c>VoucherText</c>). <see cref="Sequence"/> counts the node's vouchers of one drop from 1.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SignedVoucher(
    [property: Id(0)] string VoucherId,
    [property: Id(1)] string DropId,
    [property: Id(2)] string NodeId,
    [property: Id(3)] long Sequence,
    [property: Id(4)] string? Wallet,
    [property: Id(5)] string? EmailHash,
    [property: Id(6)] DateTimeOffset IssuedAt,
    [property: Id(7)] DateTimeOffset ExpiresAt,
    [property: Id(8)] string Signature);

/// <summary>One chunk of a node's upload; <see cref="Complete"/> on the last one starts reconciliation.</summary>
[GenerateSerializer, Immutable]
public sealed record VoucherUpload(
    [property: Id(0)] IReadOnlyList<SignedVoucher> Vouchers,
    [property: Id(1)] bool Complete);

[GenerateSerializer, Immutable]
public sealed record UploadReceipt(
    [property: Id(0)] int Received,
    [property: Id(1)] int AlreadyKnown,
    [property: Id(2)] int Pending,
    [property: Id(3)] IReadOnlyList<ReconciliationReport> Reports);

/// <summary>Reconciliation of one node's vouchers of one drop.</summary>
[GenerateSerializer, Immutable]
public sealed record ReconciliationReport(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string DropId,
    [property: Id(2)] long Issued,
    [property: Id(3)] long Redeemed,
    [property: Id(4)] long Pending,
    [property: Id(5)] IReadOnlyDictionary<string, long> RejectedByReason,
    [property: Id(6)] long QuotaAllocated,
    [property: Id(7)] long QuotaReturned,
    [property: Id(8)] long QuotaHeld);

/// <summary>What a drop's vouchers came to over every node that held quota of it.</summary>
[GenerateSerializer, Immutable]
public sealed record DropVoucherReport(
    [property: Id(0)] string DropId,
    [property: Id(1)] long Issued,
    [property: Id(2)] long Redeemed,
    [property: Id(3)] long Pending,
    [property: Id(4)] IReadOnlyDictionary<string, long> RejectedByReason,
    [property: Id(5)] long QuotaAllocated,
    [property: Id(6)] long QuotaReturned,
    [property: Id(7)] long QuotaHeld,
    [property: Id(8)] IReadOnlyList<ReconciliationReport> Nodes);

/// <summary>
/// The fate of one uploaded voucher: <c>pending</c>, <c>redeemed</c> (with its token) or <c>rejected</c> (with the
/// reason and, for an attendee who did nothing wrong, a remedy: a waitlist position or a refund flag).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VoucherOutcome(
    [property: Id(0)] string VoucherId,
    [property: Id(1)] string DropId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] string Outcome,
    [property: Id(4)] long? TokenNumber,
    [property: Id(5)] string? Reason,
    [property: Id(6)] Compensation? Compensation);

/// <summary>What an attendee whose voucher lost is owed: a place on the drop's waitlist, or a refund.</summary>
[GenerateSerializer, Immutable]
public sealed record Compensation(
    [property: Id(0)] string Remedy,
    [property: Id(1)] int? WaitlistPosition,
    [property: Id(2)] bool Refund);

[GenerateSerializer, Immutable]
public sealed record CompensationRecord(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string VoucherId,
    [property: Id(2)] string DropId,
    [property: Id(3)] long Sequence,
    [property: Id(4)] string Reason,
    [property: Id(5)] Compensation Compensation,
    [property: Id(6)] string? Wallet,
    [property: Id(7)] string? EmailHash,
    [property: Id(8)] DateTimeOffset At);

/// <summary>Why a voucher was refused at reconciliation.</summary>
public static class VoucherRejections
{
    public const string BadSignature = "bad-signature";
    public const string WrongNode = "wrong-node";
    public const string KeyNotActive = "key-not-active";
    public const string KeyRevoked = "key-revoked";
    public const string Expired = "expired";
    public const string DuplicateVoucher = "duplicate-voucher";
    public const string DuplicateSequence = "duplicate-sequence";
    public const string BeyondQuota = "beyond-quota";
    public const string WalletLimitReached = "wallet-limit-reached";
    public const string NoQuotaHeld = "no-quota-held";

    /// <summary>
    /// The attendee holds a voucher that looked valid: they are owed something. Over-issue and clashes (a sequence or
    /// voucher id that went to someone else) go to the waitlist; a refused key or expiry is refunded. A forged voucher
    /// is owed nothing, nor a copy naming the claimant who got the token (decided where the holder is known).
    /// </summary>
    public static Compensation? For(string reason, int waitlistPosition) => reason switch
    {
        BeyondQuota or DuplicateSequence or DuplicateVoucher or NoQuotaHeld => new Compensation("waitlist", waitlistPosition, false),
        KeyRevoked or KeyNotActive or Expired or WalletLimitReached => new Compensation("refund", null, true),
        _ => null,
    };
}
