namespace MicroEvents.Drops;

/// <summary>
/// A drop as it was, folded from its stored events up to a point. A reader beside the drop actor:
/// asking it never activates, waits for or slows the drop itself.
/// </summary>
public interface IDropHistoryGrain : IGrainWithStringKey
{
    /// <summary>The summary after the last event at or before <paramref name="asOf"/>; drop-not-found if the drop did not exist yet.</summary>
    Task<DropSummary> SummaryAsOf(AsOf asOf);
}
