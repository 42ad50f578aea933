using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts;
using MicroEvents.Receipts.Events;
using MicroEvents.Rejections;
using System.Diagnostics;
using MicroEvents.Telemetry;
using Orleans.Concurrency;

namespace MicroEvents.Drops;

/// <summary>
/// The drop actor: a thin shell around <see cref="DropDecisions"/>. Reentrant, so claims that arrive
/// while an append is in flight are decided against the tentative state and share the next append.
/// </summary>
[Reentrant]
public sealed class DropGrain(EventJournal journal, TimeProvider clock, ActorMetrics metrics)
    : EventSourcedGrain<DropState, DropEvent>(journal, clock), IDropGrain
{
    protected override string Kind => DropStream.Kind.Name;

    public async Task<DropCreation> Create(CreateDrop manifest, string? by = null)
    {
        var created = await Counted("create", Execute(s => DropDecisions.Create(s, manifest with { Id = this.GetPrimaryKeyString() }, Now, by)));
        return new DropCreation(await GetSummary(), created);
    }

    public Task<DropSummary> Open(string? by = null) => Counted("open", Transition((s, now) => DropDecisions.Open(s, now, by)));

    public Task<DropSummary> Pause(string? by = null) => Counted("pause", Transition((s, now) => DropDecisions.Pause(s, now, by)));

    public Task<DropSummary> Close(string? by = null) => Counted("close", Transition((s, now) => DropDecisions.Close(s, now, by)));

    public async Task<ClaimOutcome> Claim(ClaimToken claim)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "rejected";
        try
        {
            var answer = await Counted("claim", Execute(s => DropDecisions.Claim(s, claim, Now), correlationId: claim.ClaimId));
            outcome = answer.Replayed ? "replayed" : "minted";
            return answer;
        }
        finally
        {
            var tag = new KeyValuePair<string, object?>("outcome", outcome);
            metrics.MintDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
            metrics.Claims.Add(1, tag);
        }
    }

    public async Task<ClaimReceipt> GetClaim(string claimId) => DropDecisions.HeldClaim(await Stored(), claimId);

    public Task<int> RecordBatchSeals(IReadOnlyList<BatchSealed> seals) => Counted("seal", Execute(s => DropDecisions.RecordSeals(s, seals)));

    public async Task<SealedClaim> GetSealedClaim(string claimId) => DropDecisions.Sealed(await Stored(), claimId);

    public Task<bool> ReleaseToken(string claimId) => Counted("release", Execute(s => DropDecisions.Release(s, claimId, Now), correlationId: claimId));

    public async Task<ClaimLimits?> GetClaimLimits() => DropDecisions.Existing(await Stored()).Manifest!.Limits;

    public async Task<CustodyRules?> GetCustodyRules() => DropDecisions.Existing(await Stored()).Manifest!.Custody;

    public async Task<DropCreated> GetManifest() => DropDecisions.Existing(await Stored()).Manifest!;

    public Task<Venues.NodeQuotaView> AllocateQuota(string nodeId, string allocationId, long tokens) =>
        Counted("allocate-quota", Execute(s => QuotaDecisions.Allocate(s, nodeId, allocationId, tokens, Now)));

    public Task<Venues.NodeQuotaView> ReturnQuota(string nodeId, long? tokens) =>
        Counted("return-quota", Execute(s => QuotaDecisions.Return(s, nodeId, tokens, Now)));

    public async Task<Venues.NodeQuotaView> GetQuota(string nodeId)
    {
        var state = DropDecisions.Existing(await Stored());
        return state.Quotas.View(state.Manifest!.DropId, nodeId);
    }

    public async Task<IReadOnlyList<string>> GetQuotaNodes() => [.. DropDecisions.Existing(await Stored()).Quotas.ByNode.Keys];

    public Task<IReadOnlyList<VoucherMintResult>> RedeemVouchers(string nodeId, IReadOnlyList<VoucherMint> mints) =>
        Counted("redeem-vouchers", Execute(s => QuotaDecisions.Redeem(s, nodeId, mints, Now)));

    public Task<ContingencyView> SetContingency(ContingencyManifest fallback, string? by = null) =>
        Counted("set-contingency", Execute(s => ContingencyDecisions.Set(s, fallback, Now, by)));

    public Task<ContingencyView> ActivateContingency(ContingencySwitchRequest request, string by, string? nodeId = null) =>
        Counted("activate-contingency", Execute(s => ContingencyDecisions.Activate(s, request, by, nodeId, Now)));

    public Task<ContingencyView> DeactivateContingency(ContingencySwitchRequest request, string by) =>
        Counted("deactivate-contingency", Execute(s => ContingencyDecisions.Deactivate(s, request, by, Now)));

    public async Task<ContingencyView> GetContingency() => ContingencyDecisions.View(await Stored());

    public async Task<DropCreated?> GetContingencyManifest()
    {
        var state = DropDecisions.Existing(await Stored());
        return state.Contingency is { } c ? ManifestRules.AsManifest(state.Manifest!, c.Fallback) : null;
    }

    public async Task<DropCreated> GetTokenManifest(long tokenNumber)
    {
        var state = DropDecisions.Existing(await Stored());
        var ordinal = state.HolderOf(tokenNumber)
            ?? throw new Rejected(RejectionCodes.ClaimNotFound, $"Token {tokenNumber} of '{state.Manifest!.DropId}' is not held.");
        return state.Contingency is { } c && c.CoversMint(ordinal) ? ManifestRules.AsManifest(state.Manifest!, c.Fallback) : state.Manifest!;
    }

    public async Task<DropSummary> GetSummary()
    {
        var state = await Stored();
        // Reading a drop that does not exist (every per-drop route checks) leaves no actor behind.
        if (state.Manifest is null) DeactivateOnIdle();
        return DropDecisions.Existing(state).Summary(StoredVersion);
    }

    private async Task<DropSummary> Transition(Func<DropState, DateTimeOffset, Decision<bool, DropEvent>> decide)
    {
        await Execute(s => decide(s, Now));
        return await GetSummary();
    }

    private async Task<T> Counted<T>(string command, Task<T> executing)
    {
        try
        {
            return await executing;
        }
        catch (Rejected rejected)
        {
            metrics.Rejected(Kind, command, rejected.Code);
            throw;
        }
    }

    private DateTimeOffset Now => Clock.GetUtcNow();
}
