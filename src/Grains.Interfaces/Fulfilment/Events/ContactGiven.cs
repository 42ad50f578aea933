using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("The token's wallet gave an email for reminders (kept outside the events; here only its keyed hash).")]
[GenerateSerializer, Immutable, EventAlias("order.contact_given.v1")]
public sealed record ContactGiven(
    [property: Id(0), Description("Keyed hash of the email address.")] string EmailHash,
    [property: Id(1), Description("When.")] DateTimeOffset At) : OrderEvent;
