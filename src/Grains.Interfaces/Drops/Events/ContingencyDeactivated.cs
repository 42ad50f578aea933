using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[Description("An operator switched the drop back to its primary manifest: mints from here on carry the primary hash; tokens minted under the fallback keep it.")]
[GenerateSerializer, Immutable, EventAlias("drop.contingency_deactivated.v1")]
public sealed record ContingencyDeactivated(
    [property: Id(0), Description("The caller's id for this decision (a retry reuses it).")] string DecisionId,
    [property: Id(1), Description("The primary manifest's hash, carried by the mints that follow.")] string ManifestHash,
    [property: Id(2), Description("Why, in the operator's words.")] string Reason,
    [property: Id(3), Description("Who: key:<id> for an operator's API key.")] string By,
    [property: Id(4), Description("When.")] DateTimeOffset At) : DropEvent;
