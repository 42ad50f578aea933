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
        if (!DropId.IsValid(id)) throw new Rejected(RejectionCodes.DropNotFound, $"No drop '{id}'.");
        await grains.GetGrain<IDropGrain>(id).GetSummary();
    }
}
