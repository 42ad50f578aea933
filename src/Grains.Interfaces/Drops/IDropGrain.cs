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
    /// <remarks><paramref name="by"/> (every lifecycle command): who asks, recorded on the event (see <see cref="Access.Actor"/>).</remarks>
    Task<DropCreation> Create(CreateDrop manifest, string? by = null);
    // Lifecycle commands are idempotent: asking for the current phase again answers the summary and appends nothing.
    Task<DropSummary> Open(string? by = null);
    Task<DropSummary> Pause(string? by = null);
    Task<DropSummary> Close(string? by = null);
    Task<ClaimOutcome> Claim(ClaimToken claim);
    /// <summary>The receipt of a claim that holds its token; <c>token-released</c> once it went back to the drop.</summary>
    Task<ClaimReceipt> GetClaim(string claimId);

    /// <summary>
    /// Gives the claim's token back to the drop; the next claim receives that number first. For the claim actor
    /// when a custodial escrow ends unconfirmed under the release policy (not an HTTP route). Idempotent.
    /// </summary>
    Task<bool> ReleaseToken(string claimId);

    /// <summary>Records signed receipt roots from the drop's sealer; batches already sealed are skipped. Returns how many were new.</summary>
    Task<int> RecordBatchSeals(IReadOnlyList<Receipts.Events.BatchSealed> seals);

    /// <summary>A held claim and the sealed batch of its mint (null until sealed).</summary>
    Task<Receipts.SealedClaim> GetSealedClaim(string claimId);
    Task<DropSummary> GetSummary();

    /// <summary>The drop's own claim limits from its manifest; null when it uses the gateway's defaults.</summary>
    Task<ClaimLimits?> GetClaimLimits();

    /// <summary>The drop's custody rules from its manifest; null when it uses the silo's escrow window and keeps unconfirmed tokens.</summary>
    Task<CustodyRules?> GetCustodyRules();
    // Venue quotas (issue #18): tokens reserved for a node's offline vouchers, and their redemption.
    Task<Events.DropCreated> GetManifest();
    Task<Venues.NodeQuotaView> AllocateQuota(string nodeId, string allocationId, long tokens);
    Task<Venues.NodeQuotaView> ReturnQuota(string nodeId, long? tokens);
    Task<Venues.NodeQuotaView> GetQuota(string nodeId);
    Task<IReadOnlyList<string>> GetQuotaNodes();
    Task<IReadOnlyList<VoucherMintResult>> RedeemVouchers(string nodeId, IReadOnlyList<VoucherMint> mints);

    // Contingency manifests (issue #28): a fallback asset set, primed by nodes, switched to by a recorded decision.
    /// <summary>Sets (or replaces) the fallback manifest; only before the drop opens. The same fallback again changes nothing.</summary>
    Task<ContingencyView> SetContingency(ContingencyManifest fallback, string? by = null);
    /// <summary>Switches new mints to the fallback; the same decision id again answers the same. <paramref name="nodeId"/>: a node decided.</summary>
    Task<ContingencyView> ActivateContingency(ContingencySwitchRequest request, string by, string? nodeId = null);
    /// <summary>Switches new mints back to the primary manifest (operators only); the same decision id again answers the same.</summary>
    Task<ContingencyView> DeactivateContingency(ContingencySwitchRequest request, string by);
    Task<ContingencyView> GetContingency();
    /// <summary>The fallback as a full manifest (the primary with the fallback assets and hash), for priming; null without one.</summary>
    Task<Events.DropCreated?> GetContingencyManifest();
    /// <summary>The manifest the current holder of token <paramref name="tokenNumber"/> was minted under (the fallback's after a switch), for its metadata.</summary>
    Task<Events.DropCreated> GetTokenManifest(long tokenNumber);
}
