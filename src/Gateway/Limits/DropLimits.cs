using System.Collections.Concurrent;
using System.Diagnostics;
using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.Gateway.Limits;

/// <summary>
/// Each drop's own claim limits (from its manifest), remembered for half a minute so the claim path
/// asks the drop at most twice a minute per drop. Unknown drops use the defaults (the claim then 404s).
/// </summary>
public sealed class DropLimits(IGrainFactory grains)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, (ClaimLimits? Limits, TimeSpan Until)> _known = new();

    public async ValueTask<ClaimLimits?> Of(string dropId)
    {
        var now = Stopwatch.GetElapsedTime(0);
        if (_known.TryGetValue(dropId, out var known) && known.Until > now) return known.Limits;
        if (!DropId.IsValid(dropId)) return null;

        ClaimLimits? limits;
        try
        {
            limits = await grains.GetGrain<IDropGrain>(dropId).GetClaimLimits();
        }
        catch (Rejected r) when (r.Code == RejectionCodes.DropNotFound)
        {
            limits = null;
        }
        if (_known.Count >= MaxRemembered) _known.Clear();
        _known[dropId] = (limits, now + Freshness);
        return limits;
    }
}
