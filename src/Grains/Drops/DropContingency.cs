using System.Collections.Immutable;
using MicroEvents.Drops.Events;

namespace MicroEvents.Drops;

/// <summary>
/// A drop's fallback manifest and its switches. A switch is remembered with the ordinal of the first mint it
/// covers, so any token's manifest follows from its place in mint order without a hash stored per token.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DropContingency(
    [property: Id(0)] ContingencySet Fallback,
    [property: Id(1)] ImmutableList<ContingencySwitch> Switches)
{
    public bool Active => Switches.Count > 0 && Switches[^1].ToFallback;

    public static DropContingency Of(ContingencySet fallback) => new(fallback, []);

    /// <summary>Whether the mint with this ordinal was made under the fallback.</summary>
    public bool CoversMint(long ordinal)
    {
        for (var i = Switches.Count - 1; i >= 0; i--)
            if (Switches[i].FromMint <= ordinal) return Switches[i].ToFallback;
        return false;
    }

    public ContingencySwitch? Find(string decisionId) => Switches.FirstOrDefault(s => s.DecisionId == decisionId);
}

/// <summary>One recorded switch: to the fallback or back, from the mint with ordinal <see cref="FromMint"/> on.</summary>
[GenerateSerializer, Immutable]
public sealed record ContingencySwitch(
    [property: Id(0)] string DecisionId,
    [property: Id(1)] bool ToFallback,
    [property: Id(2)] string By,
    [property: Id(3)] string Reason,
    [property: Id(4)] string? NodeId,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] long FromMint);
