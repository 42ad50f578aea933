using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[Description("An operator or a venue node switched the drop to its fallback manifest: mints from here on carry the fallback's hash; earlier tokens keep theirs.")]
[GenerateSerializer, Immutable, EventAlias("drop.contingency_activated.v1")]
public sealed record ContingencyActivated(
    [property: Id(0), Description("The caller's id for this decision (a retry reuses it).")] string DecisionId,
    [property: Id(1), Description("The fallback manifest's hash, carried by the mints that follow.")] string ManifestHash,
    [property: Id(2), Description("Why, in the decider's words.")] string Reason,
    [property: Id(3), Description("Who: key:<id> for an operator's API key, node:<id> for a node's signed request.")] string By,
    [property: Id(4), Description("The node that decided; none: an operator.")] string? NodeId,
    [property: Id(5), Description("When.")] DateTimeOffset At) : DropEvent;
