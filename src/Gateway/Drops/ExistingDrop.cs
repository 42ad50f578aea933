using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.Gateway.Drops;

/// <summary>
/// Every per-drop route answers 404 for a drop that does not exist, including the read models (settlement,
/// timeline, funnel) that would otherwise answer an unknown id with empty lists and zeros.
/// </summary>
public static class ExistingDrop
{
    public static async Task Ensure(IGrainFactory grains, string id)
    {
        // A malformed id is the client's mistake to fix (400 naming it), as on the drop's other routes; only a
        // well-formed id can name a drop that does not exist (404).
        if (!DropId.IsValid(id))
            throw new Rejected(RejectionCodes.ValidationFailed, "The drop id is invalid.",
                new Dictionary<string, string[]> { ["id"] = [DropId.Rule] });
        await grains.GetGrain<IDropGrain>(id).GetSummary();
    }
}
