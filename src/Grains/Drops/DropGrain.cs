using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using Orleans.Concurrency;

namespace MicroEvents.Drops;

/// <summary>
/// The drop actor: a thin shell around <see cref="DropDecisions"/>. Reentrant, so claims that arrive
/// while an append is in flight are decided against the tentative state and share the next append.
/// </summary>
[Reentrant]
public sealed class DropGrain(EventJournal journal, TimeProvider clock)
    : EventSourcedGrain<DropState, DropEvent>(journal, clock), IDropGrain
{
    protected override string Kind => "drop";

    public async Task<DropCreation> Create(CreateDrop manifest)
    {
        var created = await Execute(s => DropDecisions.Create(s, manifest with { Id = this.GetPrimaryKeyString() }, Now));
        return new DropCreation(await GetSummary(), created);
    }

    public Task<DropSummary> Open() => Transition(DropDecisions.Open);

    public Task<DropSummary> Pause() => Transition(DropDecisions.Pause);

    public Task<DropSummary> Close() => Transition(DropDecisions.Close);

    public Task<ClaimOutcome> Claim(ClaimToken claim) =>
        Execute(s => DropDecisions.Claim(s, claim, Now), correlationId: claim.ClaimId);

    public async Task<ClaimReceipt> GetClaim(string claimId)
    {
        var state = DropDecisions.Existing(await Stored());
        return state.Claims.TryFind(claimId, out var token)
            ? state.Receipt(token)
            : throw new Rejected(RejectionCodes.ClaimNotFound, $"No claim '{claimId}' on this drop.");
    }

    public async Task<ClaimLimits?> GetClaimLimits() => DropDecisions.Existing(await Stored()).Manifest!.Limits;

    public async Task<DropSummary> GetSummary() => DropDecisions.Existing(await Stored()).Summary(StoredVersion);

    private async Task<DropSummary> Transition(Func<DropState, DateTimeOffset, Decision<bool, DropEvent>> decide)
    {
        await Execute(s => decide(s, Now));
        return await GetSummary();
    }

    private DateTimeOffset Now => Clock.GetUtcNow();
}
