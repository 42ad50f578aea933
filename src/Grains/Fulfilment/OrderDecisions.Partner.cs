using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment.Events;

namespace MicroEvents.Fulfilment;

/// <summary>
/// The order's outbox to the partner. Details and an operator's retry ask for a submission, a partner report on an order
/// whose id we lack asks for a lookup (<see cref="OrderState.PendingCall"/>); the partner-submissions feed makes the call
/// and reports the outcome here. Outcomes and callbacks commute: neither is decided from the other's status.
/// </summary>
public static partial class OrderDecisions
{
    /// <summary>The call the feed is to make for the order now, or null (nothing pending, or the order is gone).</summary>
    public static PartnerWork? PendingWork(OrderState state) =>
        state is { PendingCall: { } call, Request: { } request } ? new PartnerWork(call, request.Shortcode, state.Lines) : null;

    /// <summary>
    /// Records how the feed's call ended. The partner's id is recorded once, whatever the order's status (its callbacks may
    /// have come first, or the order was dead-lettered meanwhile). A failure counts only while a call is pending: a repeat
    /// changes nothing. A failed submission of an order the partner never reported on is a dead letter; one the partner has
    /// reported on is not (it has the order), so the failure is kept and the order's check asks again.
    /// </summary>
    public static Decision<bool, OrderEvent> Outcome(OrderState state, PartnerOutcome outcome, DateTimeOffset now)
    {
        if (outcome.PartnerOrderId is { } partnerOrderId) return Submitted(state, partnerOrderId, outcome.Attempts, now);
        if (state.PendingCall is null || state.PartnerOrderId is not null) return Decision<bool, OrderEvent>.Unchanged(false);
        var error = outcome.Error ?? "unknown";
        return state.PendingCall == PartnerCall.Lookup || state.Callbacks.Count > 0
            ? new(true, [new PartnerLookupFailed(error, now)])
            : new(true, [new FulfilmentDeadLettered(outcome.Attempts, error, now)]);
    }

    /// <summary>
    /// The partner's id for the order, recorded once: from its answer, or from a lookup by idempotency key after an
    /// ambiguous attempt, also when its callbacks got here first or the order was dead-lettered meanwhile.
    /// </summary>
    public static Decision<bool, OrderEvent> Submitted(OrderState state, string partnerOrderId, int attempts, DateTimeOffset now) =>
        state.PartnerOrderId is not null || !Sent(state)
            ? Decision<bool, OrderEvent>.Unchanged(false)
            : new(true, [new FulfilmentSubmitted(partnerOrderId, attempts, now)]);

    /// <summary>The partner has reported on the order, yet we never recorded its id: it has to be asked by idempotency key.</summary>
    public static bool NeedsReconciling(OrderState state) => state.PartnerOrderId is null && state.Callbacks.Count > 0 && Sent(state);

    /// <summary>The order's check asks the partner again after a failed lookup, up to <paramref name="maxLookups"/> failures in all.</summary>
    public static Decision<bool, OrderEvent> LookUpAgain(OrderState state, int maxLookups, DateTimeOffset now) =>
        state.LookupFailures < maxLookups && LookUpIfUnknown(state, "retry", now) is { } lookup
            ? new(true, [lookup])
            : Decision<bool, OrderEvent>.Unchanged(false);

    /// <summary>
    /// Whether the order needs its durable check: details awaited, or a failed lookup to ask for again. Not while a call
    /// is pending: the feed works it and reports back, so callbacks that come first cost no reminder write.
    /// </summary>
    public static bool NeedsChecking(OrderState state, int maxLookups) =>
        state.Status == OrderStatus.AwaitingDetails || (NeedsReconciling(state) && state.PendingCall is null && state.LookupFailures < maxLookups);

    private static PartnerLookupRequested? LookUpIfUnknown(OrderState state, string reason, DateTimeOffset now) =>
        NeedsReconciling(state) && state.PendingCall is null ? new PartnerLookupRequested(reason, now) : null;

    // Details went in: the order was (or is being) sent, so the partner may hold it.
    private static bool Sent(OrderState state) =>
        state.AddressHash is not null && state.Status is not (null or OrderStatus.Cancelled or OrderStatus.Unmapped or OrderStatus.AwaitingDetails);
}
