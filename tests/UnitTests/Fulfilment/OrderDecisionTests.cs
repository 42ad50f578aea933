using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment;
using MicroEvents.Fulfilment.Events;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Fulfilment;

/// <summary>
/// A fulfilment order's decisions: details taken once before the deadline, partner reports counted once and only
/// forward, a dead letter retried by an operator, returns inside the window. Orders are built by folding real decisions.
/// </summary>
public class OrderDecisionTests
{
    private static readonly DateTimeOffset Minted = new(2025, 6, 21, 18, 45, 0, TimeSpan.Zero);
    private static readonly TimeSpan DetailsWindow = TimeSpan.FromDays(7);
    private const string Holder = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static readonly OrderRequest Request = new("summer-jam", 1, "c1", Holder, null, ["tee", "poster"], Minted);
    private static readonly OrderDetails Details = new([new("tee", "m"), new("poster", "a2")],
        new ShippingAddress("Ann", "1 Main St", null, "Lyon", null, "69001", "FR"));

    private static OrderState After(OrderState state, Decision<bool, OrderEvent> decision) =>
        decision.Events.Aggregate(state, (s, e) => s.Apply(e));

    private static OrderState Awaiting() =>
        After(OrderState.Initial, OrderDecisions.Requested(OrderState.Initial, Request, "ABCD-EFGH", Minted, DetailsWindow));

    private static OrderState Open()
    {
        var awaiting = Awaiting();
        return After(awaiting, OrderDecisions.Details(awaiting, Details, "address-hash", Minted.AddHours(1)));
    }

    private static OrderState Submitted()
    {
        var open = Open();
        return After(open, OrderDecisions.Submitted(open, "partner-1", 1, Minted.AddHours(2)));
    }

    private static OrderState Reported(OrderState state, string eventId, string status, DateTimeOffset at, string? carrier = null, string? tracking = null) =>
        After(state, OrderDecisions.Report(state, new PartnerReport(eventId, status, carrier, tracking, null, null, at), at));

    private static OrderState Delivered() => Reported(Submitted(), "e-delivered", OrderStatus.Delivered, Minted.AddDays(3));

    [Fact]
    public void a_request_opens_the_order_awaiting_details_and_a_repeat_changes_nothing()
    {
        var state = Awaiting();

        state.Status.Should().Be(OrderStatus.AwaitingDetails);
        state.Request!.DetailsDue.Should().Be(Minted + DetailsWindow, "the deadline runs from the mint, not the request");
        state.Lines.Should().Equal(new OrderLine("tee", null), new OrderLine("poster", null));
        OrderDecisions.Requested(state, Request, "ABCD-EFGH", Minted.AddMinutes(5), DetailsWindow).Events.Should().BeEmpty();
        OrderDecisions.Unmapped(state, Request, "out-of-stock: tee", Minted).Events.Should().BeEmpty("a requested order is not unmapped afterwards");
    }

    [Fact]
    public void only_the_holding_wallet_acts_on_the_order_in_any_letter_case()
    {
        var state = Awaiting();

        OrderDecisions.Holder(state, Holder.ToLowerInvariant());
        Rejection(() => OrderDecisions.Holder(state, "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")).Should().Be(FulfilmentRejectionCodes.NotTheHolder);
        Rejection(() => OrderDecisions.Holder(OrderState.Initial, Holder)).Should().Be(FulfilmentRejectionCodes.OrderNotFound);
    }

    [Fact]
    public void details_are_taken_once_before_the_deadline_with_one_variant_per_sku()
    {
        var state = Awaiting();

        OrderDecisions.CanTakeDetails(state, Details, "address-hash", Minted.AddDays(1)).Should().BeTrue();
        Rejection(() => OrderDecisions.CanTakeDetails(state, Details with { Variants = [new("tee", "m")] }, "address-hash", Minted))
            .Should().Be(RejectionCodes.ValidationFailed, "the poster has no variant");
        Rejection(() => OrderDecisions.CanTakeDetails(state, Details with { Variants = [.. Details.Variants, new("mug", "white")] }, "address-hash", Minted))
            .Should().Be(RejectionCodes.ValidationFailed, "the order has no mug");
        Rejection(() => OrderDecisions.CanTakeDetails(state, Details with { Variants = [.. Details.Variants, new("tee", "l")] }, "address-hash", Minted))
            .Should().Be(RejectionCodes.ValidationFailed, "two variants for one SKU");
        Rejection(() => OrderDecisions.CanTakeDetails(state, Details, "address-hash", Minted + DetailsWindow))
            .Should().Be(FulfilmentRejectionCodes.DetailsClosed, "the deadline passed");

        var open = Open();
        open.Status.Should().Be(OrderStatus.Open);
        open.Lines.Should().Equal(new OrderLine("tee", "m"), new OrderLine("poster", "a2"));
        OrderDecisions.CanTakeDetails(open, Details, "address-hash", Minted.AddDays(1)).Should().BeFalse("the same details again: a retry");
        OrderDecisions.Details(open, Details, "address-hash", Minted.AddDays(1)).Events.Should().BeEmpty();
        Rejection(() => OrderDecisions.CanTakeDetails(open, Details, "another-address", Minted.AddDays(1)))
            .Should().Be(FulfilmentRejectionCodes.DetailsClosed, "other details after the order went out");
    }

    [Fact]
    public void a_reminder_goes_once_and_only_while_details_are_awaited()
    {
        var state = Awaiting();
        var reminded = After(state, OrderDecisions.Remind(state, Minted.AddDays(5)));

        reminded.ReminderSent.Should().BeTrue();
        OrderDecisions.Remind(reminded, Minted.AddDays(6)).Events.Should().BeEmpty();
        OrderDecisions.Remind(Open(), Minted.AddDays(5)).Events.Should().BeEmpty();
    }

    [Fact]
    public void a_contact_is_recorded_when_it_changes()
    {
        var state = Awaiting();
        var given = After(state, OrderDecisions.Contact(state, "email-hash", Minted));

        given.ContactHash.Should().Be("email-hash");
        OrderDecisions.Contact(given, "email-hash", Minted).Events.Should().BeEmpty();
        OrderDecisions.Contact(given, "other-hash", Minted).Events.Should().ContainSingle();
    }

    [Fact]
    public void only_an_order_awaiting_details_is_cancelled()
    {
        var cancelled = After(Awaiting(), OrderDecisions.Cancel(Awaiting(), "details-deadline", Minted + DetailsWindow));

        cancelled.Status.Should().Be(OrderStatus.Cancelled);
        OrderDecisions.Cancel(cancelled, "details-deadline", Minted + DetailsWindow).Events.Should().BeEmpty();
        OrderDecisions.Cancel(Open(), "details-deadline", Minted + DetailsWindow).Events.Should().BeEmpty("an open order is on its way");
        Rejection(() => OrderDecisions.CanTakeDetails(cancelled, Details, "address-hash", Minted)).Should().Be(FulfilmentRejectionCodes.DetailsClosed);
    }

    [Fact]
    public void the_partner_order_id_is_recorded_once_and_never_before_details()
    {
        var state = Submitted();

        state.Should().BeEquivalentTo(new { Status = OrderStatus.Submitted, PartnerOrderId = "partner-1", Attempts = 1 });
        OrderDecisions.Submitted(state, "partner-2", 1, Minted.AddHours(3)).Events.Should().BeEmpty();
        OrderDecisions.Submitted(Awaiting(), "partner-1", 1, Minted).Events.Should().BeEmpty("nothing was sent yet");
    }

    [Fact]
    public void a_dead_letter_is_retried_by_an_operator_only()
    {
        var open = Open();
        var dead = After(open, OrderDecisions.Outcome(open, new PartnerOutcome(null, 5, "partner 500"), Minted.AddHours(3)));

        dead.Should().BeEquivalentTo(new { Status = OrderStatus.DeadLetter, Attempts = 5, LastError = "partner 500" });
        OrderDecisions.Outcome(dead, new PartnerOutcome(null, 5, "partner 500"), Minted.AddHours(4)).Events.Should().BeEmpty();
        After(dead, OrderDecisions.Retry(dead, Minted.AddHours(5))).Status.Should().Be(OrderStatus.Open);
        OrderDecisions.Retry(open, Minted).Events.Should().BeEmpty("already being sent");
        Rejection(() => OrderDecisions.Retry(Submitted(), Minted)).Should().Be(FulfilmentRejectionCodes.NotDeadLettered);
        Rejection(() => OrderDecisions.Retry(OrderState.Initial, Minted)).Should().Be(FulfilmentRejectionCodes.OrderNotFound);
        OrderDecisions.Submitted(dead, "partner-1", 1, Minted.AddHours(6)).Events.Should().ContainSingle("found by idempotency key after all");
    }

    [Fact]
    public void partner_reports_count_once_move_only_forward_and_keep_late_facts()
    {
        var shipped = Reported(Submitted(), "e1", OrderStatus.Shipped, Minted.AddDays(1), carrier: "DHL");

        shipped.Should().BeEquivalentTo(new { Status = OrderStatus.Shipped, Carrier = "DHL", TrackingNumber = (string?)null });
        OrderDecisions.Report(shipped, new PartnerReport("e1", OrderStatus.Shipped, "DHL", "T1", null, null, Minted.AddDays(1)), Minted.AddDays(1))
            .Events.Should().BeEmpty("the same callback id again");
        OrderDecisions.Report(shipped, new PartnerReport("e2", OrderStatus.Accepted, null, null, null, null, Minted.AddDays(1)), Minted.AddDays(1))
            .Events.Should().BeEmpty("an earlier step changes nothing");

        var delivered = Reported(shipped, "e3", OrderStatus.Delivered, Minted.AddDays(2));
        var late = Reported(delivered, "e4", OrderStatus.Shipped, Minted.AddDays(1), carrier: "UPS", tracking: "T9");
        late.Should().BeEquivalentTo(new { Status = OrderStatus.Delivered, Carrier = "DHL", TrackingNumber = "T9" },
            "a late shipped brings the missing tracking number, not a new carrier, and the status stays");
        OrderDecisions.Report(late, new PartnerReport("e5", OrderStatus.Exception, null, null, "lost", null, Minted.AddDays(3)), Minted.AddDays(3))
            .Events.Should().BeEmpty("no exception after delivery");
    }

    [Fact]
    public void an_exception_shows_without_lowering_progress_and_reports_wait_for_an_open_order()
    {
        var exception = Reported(Submitted(), "e1", OrderStatus.Exception, Minted.AddDays(1));

        exception.Status.Should().Be(OrderStatus.Exception);
        Reported(exception, "e2", OrderStatus.Shipped, Minted.AddDays(2)).Status.Should().Be(OrderStatus.Shipped);
        OrderDecisions.Report(Awaiting(), new PartnerReport("e1", OrderStatus.Shipped, null, null, null, null, Minted), Minted)
            .Events.Should().BeEmpty("nothing was sent to the partner yet");
        var future = Minted.AddDays(1);
        OrderDecisions.Report(Submitted(), new PartnerReport("e1", OrderStatus.Accepted, null, null, null, null, future.AddHours(1)), future)
            .Events.OfType<PartnerStatusReported>().Single().At.Should().Be(future, "a partner clock ahead of ours is capped at now");
    }

    [Fact]
    public void a_report_before_the_partner_id_is_known_asks_for_a_reconcile()
    {
        var open = Open();
        OrderDecisions.NeedsReconciling(open).Should().BeFalse();
        OrderDecisions.NeedsReconciling(Reported(open, "e1", OrderStatus.Accepted, Minted.AddHours(3))).Should().BeTrue();
        OrderDecisions.NeedsReconciling(Reported(Submitted(), "e1", OrderStatus.Accepted, Minted.AddHours(3))).Should().BeFalse();
    }

    private static OrderState Outcome(OrderState state, string? partnerOrderId, int attempts = 1, string? error = null) =>
        After(state, OrderDecisions.Outcome(state, new PartnerOutcome(partnerOrderId, attempts, error), Minted.AddHours(2)));

    private static OrderState DeadLetter() => Outcome(Open(), null, 5, "HTTP 503");

    [Fact]
    public void details_ask_the_feed_for_a_submission_and_the_partners_answer_ends_it_once()
    {
        OrderDecisions.PendingWork(Awaiting()).Should().BeNull("nothing to send before the details");
        var open = Open();
        OrderDecisions.PendingWork(open).Should().BeEquivalentTo(new PartnerWork(PartnerCall.Submit, "ABCD-EFGH", open.Lines));

        var submitted = Outcome(open, "partner-1", attempts: 2);
        submitted.Should().BeEquivalentTo(new { Status = OrderStatus.Submitted, PartnerOrderId = "partner-1", Attempts = 2, PendingCall = (string?)null });
        OrderDecisions.PendingWork(submitted).Should().BeNull("a redelivered request finds nothing to do");
        OrderDecisions.Outcome(submitted, new PartnerOutcome("partner-1", 1, null), Minted).Events.Should().BeEmpty("the same answer twice");
        OrderDecisions.Outcome(submitted, new PartnerOutcome("partner-2", 1, null), Minted).Events.Should().BeEmpty("the id is recorded once");
        OrderDecisions.Outcome(submitted, new PartnerOutcome(null, 5, "timeout"), Minted).Events.Should().BeEmpty("a stale failure after success");
    }

    [Fact]
    public void partner_callbacks_before_the_submission_outcome_commute_with_it()
    {
        var open = Open();
        var early = Reported(Reported(open, "e1", OrderStatus.Accepted, Minted.AddHours(1)), "e2", OrderStatus.Shipped, Minted.AddHours(2), "DHL", "T1");
        early.Status.Should().Be(OrderStatus.Shipped);
        OrderDecisions.PendingWork(early)!.Call.Should().Be(PartnerCall.Submit, "the submission is still pending, whatever the status says");
        OrderDecisions.Report(open, new PartnerReport("e1", OrderStatus.Accepted, null, null, null, null, Minted), Minted).Events
            .Should().ContainSingle("a pending submission looks the order up itself: no separate lookup");

        var callbacksFirst = Outcome(early, "partner-1");
        var outcomeFirst = Reported(Reported(Outcome(open, "partner-1"), "e1", OrderStatus.Accepted, Minted.AddHours(1)),
            "e2", OrderStatus.Shipped, Minted.AddHours(2), "DHL", "T1");

        callbacksFirst.Should().BeEquivalentTo(new { Status = OrderStatus.Shipped, PartnerOrderId = "partner-1", Carrier = "DHL", PendingCall = (string?)null });
        callbacksFirst.Should().BeEquivalentTo(outcomeFirst, "either order ends in the same order");
        OrderDecisions.NeedsReconciling(callbacksFirst).Should().BeFalse();
    }

    [Fact]
    public void a_failed_submission_is_a_dead_letter_only_when_the_partner_never_reported_on_the_order()
    {
        var dead = DeadLetter();
        dead.Should().BeEquivalentTo(new { Status = OrderStatus.DeadLetter, Attempts = 5, LastError = "HTTP 503", PendingCall = (string?)null });
        OrderDecisions.Outcome(dead, new PartnerOutcome(null, 5, "HTTP 503"), Minted).Events.Should().BeEmpty("a duplicate failure");

        var reported = Reported(Open(), "e1", OrderStatus.Accepted, Minted.AddHours(1));
        var failed = Outcome(reported, null, 5, "timeout; looking it up failed too");
        failed.Status.Should().Be(OrderStatus.Accepted, "the partner has the order: no dead letter");
        (failed.PendingCall, failed.LookupFailures).Should().Be((null, 1));
        OrderDecisions.NeedsChecking(failed, maxLookups: 2).Should().BeTrue("the check asks again");
    }

    [Fact]
    public void a_report_on_a_dead_letter_asks_for_a_lookup_whose_answer_records_the_id()
    {
        var dead = DeadLetter();
        var report = OrderDecisions.Report(dead, new PartnerReport("e1", OrderStatus.Accepted, null, null, null, null, Minted.AddHours(3)), Minted.AddHours(3));
        report.Events.Select(e => e.GetType()).Should().Equal(typeof(PartnerStatusReported), typeof(PartnerLookupRequested));
        var reported = After(dead, report);
        OrderDecisions.PendingWork(reported)!.Call.Should().Be(PartnerCall.Lookup);
        OrderDecisions.Report(reported, new PartnerReport("e2", OrderStatus.Picked, null, null, null, null, Minted.AddHours(4)), Minted.AddHours(4))
            .Events.Should().ContainSingle("one lookup pending is enough");

        var found = Outcome(reported, "partner-1", attempts: 0);
        found.Should().BeEquivalentTo(new { Status = OrderStatus.Accepted, PartnerOrderId = "partner-1", PendingCall = (string?)null });
        OrderDecisions.LookUpAgain(found, 5, Minted.AddHours(5)).Events.Should().BeEmpty();
    }

    [Fact]
    public void a_failed_lookup_is_asked_again_by_the_check_a_bounded_number_of_times()
    {
        var reported = After(DeadLetter(), OrderDecisions.Report(DeadLetter(), new PartnerReport("e1", OrderStatus.Accepted, null, null, null, null, Minted), Minted));
        var failed = Outcome(reported, null, 0, "HTTP 502");
        failed.Status.Should().Be(OrderStatus.Accepted);
        OrderDecisions.Outcome(failed, new PartnerOutcome(null, 0, "HTTP 502"), Minted).Events.Should().BeEmpty("a duplicate failure counts once");

        var again = After(failed, OrderDecisions.LookUpAgain(failed, 2, Minted.AddHours(1)));
        OrderDecisions.PendingWork(again)!.Call.Should().Be(PartnerCall.Lookup);
        OrderDecisions.NeedsChecking(again, 2).Should().BeFalse("the feed works the pending lookup and reports back");
        OrderDecisions.LookUpAgain(again, 2, Minted.AddHours(1)).Events.Should().BeEmpty("one is pending");
        var twice = Outcome(again, null, 0, "HTTP 502");
        twice.LookupFailures.Should().Be(2);
        OrderDecisions.LookUpAgain(twice, 2, Minted.AddHours(2)).Events.Should().BeEmpty("the limit is reached");
        OrderDecisions.NeedsChecking(twice, 2).Should().BeFalse("the order stops checking");
        OrderDecisions.NeedsChecking(Awaiting(), 2).Should().BeTrue();
    }

    [Fact]
    public void a_retry_after_a_dead_letter_asks_for_a_new_submission_and_can_fail_again()
    {
        var dead = DeadLetter();
        var retried = After(dead, OrderDecisions.Retry(dead, Minted.AddHours(5)));

        retried.Status.Should().Be(OrderStatus.Open);
        OrderDecisions.PendingWork(retried)!.Call.Should().Be(PartnerCall.Submit);
        Outcome(retried, null, 3, "HTTP 503").Should().BeEquivalentTo(new { Status = OrderStatus.DeadLetter, Attempts = 8 });
        Outcome(retried, "partner-1").Should().BeEquivalentTo(new { Status = OrderStatus.Submitted, PartnerOrderId = "partner-1", LastError = (string?)null });
        OrderDecisions.Outcome(Awaiting(), new PartnerOutcome(null, 1, "x"), Minted).Events.Should().BeEmpty("nothing was asked of the partner");
        OrderDecisions.Outcome(Awaiting(), new PartnerOutcome("partner-1", 1, null), Minted).Events.Should().BeEmpty();
    }

    [Fact]
    public void returns_are_taken_once_for_a_delivered_order_inside_the_window()
    {
        var window = TimeSpan.FromDays(30);
        var delivered = Delivered();

        Rejection(() => OrderDecisions.Return(Submitted(), "too small", Minted.AddDays(4), window)).Should().Be(FulfilmentRejectionCodes.NotReturnable);
        Rejection(() => OrderDecisions.Return(delivered, "too small", delivered.DeliveredAt!.Value + window + TimeSpan.FromSeconds(1), window))
            .Should().Be(FulfilmentRejectionCodes.ReturnWindowClosed);
        var returning = After(delivered, OrderDecisions.Return(delivered, "too small", delivered.DeliveredAt!.Value + window, window));
        returning.Status.Should().Be(OrderStatus.ReturnRequested);
        OrderDecisions.Return(returning, "too small", Minted.AddDays(5), window).Events.Should().BeEmpty("a retry");
        Rejection(() => OrderDecisions.Return(OrderState.Initial, "too small", Minted, window)).Should().Be(FulfilmentRejectionCodes.OrderNotFound);
    }

    private static string Rejection(Action act)
    {
        try
        {
            act();
        }
        catch (Rejected r)
        {
            return r.Code;
        }
        throw new Xunit.Sdk.XunitException("expected a rejection");
    }
}
