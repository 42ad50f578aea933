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
        var dead = After(open, OrderDecisions.DeadLettered(open, 5, "partner 500", Minted.AddHours(3)));

        dead.Should().BeEquivalentTo(new { Status = OrderStatus.DeadLetter, Attempts = 5, LastError = "partner 500" });
        OrderDecisions.DeadLettered(dead, 5, "partner 500", Minted.AddHours(4)).Events.Should().BeEmpty();
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
