using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("A reminder to give details was queued in the mail outbox.")]
[GenerateSerializer, Immutable, EventAlias("order.details_reminder_sent.v1")]
public sealed record DetailsReminderSent(
    [property: Id(0), Description("When.")] DateTimeOffset At) : OrderEvent;
