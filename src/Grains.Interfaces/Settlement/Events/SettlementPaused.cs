using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("Settlement stopped sending: the fee it would pay is above the configured ceiling. Claims go on.")]
[GenerateSerializer, Immutable, EventAlias("settlement.paused.v1")]
public sealed record SettlementPaused(
    [property: Id(0), Description("Why, for operators.")] string Reason,
    [property: Id(1), Description("The fee per gas it would pay, wei (decimal).")] string FeePerGas,
    [property: Id(2), Description("The configured ceiling, wei (decimal).")] string Ceiling,
    [property: Id(3), Description("When it paused.")] DateTimeOffset PausedAt) : SettlementEvent;
