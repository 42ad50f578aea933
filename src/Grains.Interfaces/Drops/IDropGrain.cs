using MicroEvents.EventSourcing;

namespace MicroEvents.Drops;

/// <summary>
/// One limited-supply drop, keyed by its slug. It alone decides the serial order of mints:
/// token numbers are 1…supply, gapless, in acceptance order. Rejections throw
/// <see cref="Rejections.Rejected"/> and write nothing.
/// </summary>
public interface IDropGrain : IGrainWithStringKey, IJournaledActor
{
    Task<DropSummary> Create(CreateDrop manifest);
    Task<DropSummary> Open();
    Task<DropSummary> Pause();
    Task<DropSummary> Close();
    Task<ClaimOutcome> Claim(ClaimToken claim);
    Task<ClaimReceipt> GetClaim(string claimId);
    Task<DropSummary> GetSummary();
}
