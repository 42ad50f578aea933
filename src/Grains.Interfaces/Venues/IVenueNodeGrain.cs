using MicroEvents.EventSourcing;

namespace MicroEvents.Venues;

/// <summary>
/// One venue edge node, keyed by node id (stream <c>node/{id}</c>): registration, heartbeats and status,
/// preflight, signing keys (rotation, revocation), the drops it serves and the reconciliation of its vouchers.
/// </summary>
public interface IVenueNodeGrain : IGrainWithStringKey, IJournaledActor
{
    /// <summary>Registers the node; the same registration again answers <c>false</c> and changes nothing.</summary>
    Task<bool> Register(RegisterNode registration);

    Task<NodeView> Heartbeat(NodeHeartbeat heartbeat);

    /// <summary>Re-derives the status from the clock (what the reminder calls); a change is an event.</summary>
    Task<NodeView> EvaluateStatus();

    Task<NodeView> GetView();

    /// <summary>The key that signs the node's requests now, or null (unknown node, or its key revoked).</summary>
    Task<string?> GetActiveKey();

    /// <summary>
    /// Admits one signed request: the signer must be the node's active key and the nonce unused by this node
    /// (within the replay window). The nonce is spent by an accepted request only. One actor per node in the
    /// cluster, so a replay sent to another gateway meets the same memory.
    /// </summary>
    Task<NodeRequestVerdict> AdmitRequest(NodeRequestSeal seal);

    Task<NodeView> RotateKey(KeyRotation rotation);

    /// <summary>Revokes a key; <paramref name="by"/> (see <see cref="Access.Actor"/>) is recorded on the event.</summary>
    Task<NodeView> RevokeKey(KeyRevocation revocation, string? by = null);

    Task<NodeQuotaView> AllocateQuota(QuotaRequest request);

    Task<NodeQuotaView> ReturnQuota(QuotaReturn request);

    Task<NodeManifests> GetManifests(string? ifNoneMatch);

    Task<PreflightReport> Preflight(PreflightRequest request);

    /// <summary>Stores a chunk of vouchers (idempotent by content) and, on the last chunk, reconciles them.</summary>
    Task<UploadReceipt> Upload(VoucherUpload upload);

    Task<IReadOnlyList<ReconciliationReport>> Reconcile();

    Task<IReadOnlyList<ReconciliationReport>> GetReports(string? dropId);

    Task<IReadOnlyList<VoucherOutcome>> GetVoucherOutcomes(string voucherId);

    Task<IReadOnlyList<CompensationRecord>> GetCompensations();

    /// <summary>An uploaded voucher by id, for its QR code.</summary>
    Task<SignedVoucher> GetVoucher(string voucherId);

    /// <summary>
    /// The node switches a drop it serves to its fallback manifest (its signed request; recorded on the drop with
    /// <c>node:{id}</c> and the reason). <c>node-not-serving-drop</c> for a drop it holds no quota of.
    /// </summary>
    Task<Drops.ContingencyView> ActivateContingency(string dropId, Drops.ContingencySwitchRequest request);

    /// <summary>The redeemed voucher behind the voucher claim <paramref name="voucherId"/> of <paramref name="dropId"/>, or null (none, or not redeemed).</summary>
    Task<RedeemedVoucher?> GetRedeemedVoucher(string dropId, string voucherId);
}

/// <summary>The nodes of one venue (stream <c>venue/{id}</c>), keyed by venue id.</summary>
public interface IVenueGrain : IGrainWithStringKey, IJournaledActor
{
    Task Add(string nodeId);

    Task<IReadOnlyList<string>> GetNodes();
}

/// <summary>The one revocation list (stream <c>revocations/all</c>): every revoked node key, signed for offline checks.</summary>
public interface IRevocationListGrain : IGrainWithStringKey, IJournaledActor
{
    public const string Key = "all";

    Task Add(RevocationEntry entry);

    Task<SignedRevocationList> GetSigned();
}
