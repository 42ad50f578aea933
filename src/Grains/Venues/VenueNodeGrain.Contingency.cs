using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.Venues;

/// <summary>A node's own decision to switch a drop it serves to the drop's fallback manifest.</summary>
public sealed partial class VenueNodeGrain
{
    public async Task<ContingencyView> ActivateContingency(string dropId, ContingencySwitchRequest request)
    {
        var state = NodeDecisions.Existing(await Stored());
        // Only a node that serves the drop (holds its quota, primed its manifests) may decide for it.
        if (!state.Drops.Contains(dropId))
            throw new Rejected(ContingencyRejectionCodes.NodeNotServingDrop, $"Node '{Id}' does not serve drop '{dropId}' (it holds none of its quota).");
        return await GrainFactory.GetGrain<IDropGrain>(dropId).ActivateContingency(request, Access.Actor.Node(Id), Id);
    }
}
