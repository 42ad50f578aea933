using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("The fee fell back under the ceiling; settlement sends again.")]
[GenerateSerializer, Immutable, EventAlias("settlement.resumed.v1")]
public sealed record SettlementResumed(
    [property: Id(0), Description("The fee per gas now, wei (decimal).")] string FeePerGas,
    [property: Id(1), Description("When it resumed.")] DateTimeOffset ResumedAt) : SettlementEvent;
