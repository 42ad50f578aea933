using MicroEvents.EventSourcing;

namespace MicroEvents.Drops;

/// <summary>
/// One limited-supply drop, keyed by its slug. It alone decides the serial order of mints:
/// token numbers are 1…supply, gapless, in acceptance order. Rejections throw
/// <see cref="Rejections.Rejected"/> and write nothing.
/// </summary>
public interface IDropGrain : IGrainWithStringKey, IJournaledActor
{
    /// <summary>Creates the drop; the same manifest again is answered with <c>Created = false</c> and changes nothing.</summary>
    Task<DropCreation> Create(CreateDrop manifest);
    // Lifecycle commands are idempotent: asking for the current phase again answers the summary and appends nothing.
    Task<DropSummary> Open();
    Task<DropSummary> Pause();
    Task<DropSummary> Close();
    Task<ClaimOutcome> Claim(ClaimToken claim);
    Task<ClaimReceipt> GetClaim(string claimId);
    Task<DropSummary> GetSummary();

    /// <summary>The drop's own claim limits from its manifest; null when it uses the gateway's defaults.</summary>
    Task<ClaimLimits?> GetClaimLimits();

    // Venue quotas (issue #18): tokens reserved for a node's offline vouchers, and their redemption.
    Task<Events.DropCreated> GetManifest();
    Task<Venues.NodeQuotaView> AllocateQuota(string nodeId, string allocationId, long tokens);
    Task<Venues.NodeQuotaView> ReturnQuota(string nodeId, long? tokens);
    Task<Venues.NodeQuotaView> GetQuota(string nodeId);
    Task<IReadOnlyList<string>> GetQuotaNodes();
    Task<IReadOnlyList<VoucherMintResult>> RedeemVouchers(string nodeId, IReadOnlyList<VoucherMint> mints);
}
