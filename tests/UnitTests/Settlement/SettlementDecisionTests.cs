using System.Numerics;
using MicroEvents.EventSourcing;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Events;

namespace MicroEvents.UnitTests.Settlement;

public class SettlementDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Root = "0x1111111111111111111111111111111111111111111111111111111111111111";

    private static SettlementState Fold(SettlementState s, Decision<bool, SettlementEvent> d) => d.Events.Aggregate(s, (x, e) => x.Apply(e));

    private static SettlementState Queued() =>
        Fold(SettlementState.Initial, SettlementDecisions.Queue(SettlementState.Initial, [new AnchorRequest("d", Root, 1, 10)], Now));

    private static SignedAnchor Signed(long nonce, string hash = "0xaa", long fee = 100) => new("d", Root, nonce, 120_000, fee, 1, "0xraw", hash);

    [Fact]
    public void a_root_is_queued_once_however_often_the_feed_delivers_it()
    {
        var state = Queued();
        SettlementDecisions.Queue(state, [new AnchorRequest("d", Root.ToUpperInvariant().Replace("0X", "0x"), 1, 10)], Now).Events.Should().BeEmpty();
        SettlementDecisions.Queue(SettlementState.Initial, [new("d", Root, 1, 10), new("d", Root, 1, 10)], Now).Events.Should().ContainSingle();
        state.Queued.Should().ContainSingle().Which.State.Should().Be(AnchorStates.Queued);
    }

    [Fact]
    public void a_nonce_in_flight_is_never_used_for_a_second_submission()
    {
        var state = Fold(Queued(), SettlementDecisions.Submit(Queued(), Signed(5), 0, Now));
        state.InFlight.Keys.Should().Equal(5);
        state = Fold(state, SettlementDecisions.Queue(state, [new AnchorRequest("d", Root[..^1] + "2", 11, 20)], Now));
        var other = new SignedAnchor("d", Root[..^1] + "2", 5, 120_000, 100, 1, "0xraw2", "0xbb");
        SettlementDecisions.Submit(state, other, 0, Now).Events.Should().BeEmpty("nonce 5 is taken");
        SettlementDecisions.Submit(state, Signed(6), 0, Now).Events.Should().BeEmpty("that root is already submitted");
    }

    [Fact]
    public void a_replacement_keeps_every_hash_so_whichever_is_mined_confirms()
    {
        var state = Fold(Queued(), SettlementDecisions.Submit(Queued(), Signed(5, "0xaa"), 0, Now));
        state = Fold(state, SettlementDecisions.Replace(state, 5, "0xaa", Signed(5, "0xbb", 150), Now));
        state.InFlight[5].Hashes.Should().Equal("0xaa", "0xbb");
        SettlementDecisions.Replace(state, 5, "0xaa", Signed(5, "0xcc", 200), Now).Events.Should().BeEmpty("only the latest is replaced");

        var confirmed = Fold(state, SettlementDecisions.Confirm(state, 5, "0xaa", 7, "0xblock", 3, Now));
        confirmed.InFlight.Should().BeEmpty();
        confirmed.Anchors.Values.Single().Should().Match<AnchorView>(a => a.State == AnchorStates.Anchored && a.TxHash == "0xaa" && a.Block == 7);
        SettlementDecisions.Confirm(confirmed, 5, "0xaa", 7, "0xblock", 3, Now).Events.Should().BeEmpty("confirmed once");
    }

    [Fact]
    public void a_taken_nonce_requeues_the_root_and_a_revert_fails_it()
    {
        var state = Fold(Queued(), SettlementDecisions.Submit(Queued(), Signed(5), 0, Now));
        var requeued = Fold(state, SettlementDecisions.Fail(state, 5, "0xaa", "nonce taken", requeue: true, Now));
        requeued.Queued.Should().ContainSingle();
        requeued.InFlight.Should().BeEmpty();
        var failed = Fold(state, SettlementDecisions.Fail(state, 5, "0xaa", "reverted", requeue: false, Now));
        failed.Anchors.Values.Single().Should().Match<AnchorView>(a => a.State == AnchorStates.Failed && a.FailureReason == "reverted");
        Fold(failed, SettlementDecisions.FoundOnChain(failed, "d", Root, Now)).Anchors.Values.Single().State.Should().Be(AnchorStates.Anchored);
    }

    [Fact]
    public void a_pause_is_recorded_once_per_reason_and_resume_only_when_paused()
    {
        var paused = Fold(Queued(), SettlementDecisions.Pause(Queued(), "fee above ceiling", new BigInteger(300), new BigInteger(200), Now));
        paused.Paused.Should().BeTrue();
        SettlementDecisions.Pause(paused, "fee above ceiling", 400, 200, Now).Events.Should().BeEmpty();
        SettlementDecisions.Resume(Queued(), 100, Now).Events.Should().BeEmpty();
        Fold(paused, SettlementDecisions.Resume(paused, 100, Now)).Paused.Should().BeFalse();
    }

    [Fact]
    public void the_initial_state_is_fresh_per_fold()
    {
        var a = Queued();
        SettlementState.Initial.Anchors.Should().BeEmpty();
        ReferenceEquals(SettlementState.Initial, SettlementState.Initial).Should().BeFalse();
        a.Anchors.Should().NotBeEmpty();
    }
}

public class SettlementRefusalDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static string Root(int i) => "0x" + i.ToString("x64");

    private static SettlementState Fold(SettlementState s, Decision<bool, SettlementEvent> d) => d.Events.Aggregate(s, (x, e) => x.Apply(e));

    private static SignedAnchor Signed(int root, long nonce) => new("d", Root(root), nonce, 120_000, 100, 1, $"0xraw{root}", $"0xhash{root}-{nonce}");

    /// <summary>Roots 1..n queued and submitted at nonces 10, 11, …</summary>
    private static SettlementState Submitted(int n)
    {
        var s = SettlementState.Initial;
        s = Fold(s, SettlementDecisions.Queue(s, Enumerable.Range(1, n + 2).Select(i => new AnchorRequest("d", Root(i), i, i)).ToList(), Now));
        for (var i = 1; i <= n; i++) s = Fold(s, SettlementDecisions.Submit(s, Signed(i, s.FreeNonce(10)), 10, Now));
        return s;
    }

    [Fact]
    public void a_refused_transaction_fails_its_anchor_with_the_reason_and_frees_its_nonce_for_the_next_root()
    {
        var s = Submitted(1);
        s.InFlight.Keys.Should().Equal(10);
        var refused = SettlementDecisions.Refused(s, 10, "0xhash1-10", "intrinsic gas too low", Now);
        refused.Events.Should().ContainSingle().Which.Should().BeOfType<TxFailed>().Which.Requeued.Should().BeFalse();
        s = Fold(s, refused);
        s.Anchors[SettlementState.KeyOf("d", Root(1))].Should().Match<AnchorView>(a =>
            a.State == AnchorStates.Failed && a.FailureReason == "refused by the node: intrinsic gas too low");
        s.InFlight.Should().BeEmpty();
        SettlementDecisions.Refused(s, 10, "0xhash1-10", "again", Now).Events.Should().BeEmpty("refused once, recorded once");

        s.FreeNonce(10).Should().Be(10, "the refused transaction never used its nonce");
        SettlementDecisions.Submit(s, Signed(2, 10), 10, Now).Events.Should().ContainSingle("the next root takes the freed nonce");
        SettlementDecisions.Submit(s, Signed(2, 9), 10, Now).Events.Should().BeEmpty("nonce 9 is spent on chain");
    }

    [Fact]
    public void a_gap_below_transactions_in_flight_is_filled_by_a_queued_root_first_or_a_self_transfer()
    {
        var s = Fold(Submitted(3), SettlementDecisions.Refused(Submitted(3), 10, "0xhash1-10", "intrinsic gas too low", Now));
        s.Gaps(10).Should().Equal(10);
        s.FreeNonce(10).Should().Be(10);

        var filler = new SignedAnchor("", "", 10, 21_000, 100, 1, "0xfill", "0xfill10");
        var filled = Fold(s, SettlementDecisions.FillGap(s, filler, 10, Now));
        filled.InFlight[10].IsGapFiller.Should().BeTrue();
        filled.Gaps(10).Should().BeEmpty();
        filled.FreeNonce(10).Should().Be(13);
        SettlementDecisions.FillGap(filled, filler with { TxHash = "0xother" }, 10, Now).Events.Should().BeEmpty("one filler per gap");
        SettlementDecisions.FillGap(s, filler with { Nonce = 13 }, 10, Now).Events.Should().BeEmpty("nothing waits above nonce 13");

        var confirmed = Fold(filled, SettlementDecisions.Confirm(filled, 10, "0xfill10", 5, "0xb", 3, Now));
        confirmed.InFlight.Keys.Should().BeEquivalentTo([11L, 12L]);
        confirmed.Anchors.Values.Count(a => a.State == AnchorStates.Submitted).Should().Be(2);
    }

    [Fact]
    public void an_operator_retry_requeues_only_the_drops_failed_anchors()
    {
        var s = Fold(Submitted(2), SettlementDecisions.Refused(Submitted(2), 10, "0xhash1-10", "intrinsic gas too low", Now));
        SettlementDecisions.Retry(s, "other-drop", Now).Events.Should().BeEmpty();
        var retried = SettlementDecisions.Retry(s, "d", Now);
        retried.Events.Should().ContainSingle().Which.Should().BeOfType<AnchorRetried>().Which.FailureReason.Should().Contain("intrinsic gas");
        s = Fold(s, retried);
        s.Anchors[SettlementState.KeyOf("d", Root(1))].Should().Match<AnchorView>(a => a.State == AnchorStates.Queued && a.FailureReason == null);
        s.Anchors[SettlementState.KeyOf("d", Root(2))].State.Should().Be(AnchorStates.Submitted, "in flight, untouched");
        SettlementDecisions.Retry(s, "d", Now).Events.Should().BeEmpty("nothing failed any more");
    }

    [Fact]
    public void lack_of_funds_pauses_once_and_only_an_accepted_send_resumes_it()
    {
        var s = Submitted(1);
        s = Fold(s, SettlementDecisions.Unfunded(s, 100, 200, Now));
        s.PauseReason.Should().Be(SettlementDecisions.InsufficientFunds);
        SettlementDecisions.Unfunded(s, 100, 200, Now).Events.Should().BeEmpty();
        Fold(s, SettlementDecisions.Funded(s, 100, Now)).Paused.Should().BeFalse();
        var feePause = Fold(Submitted(1), SettlementDecisions.Pause(Submitted(1), "fee above ceiling", 300, 200, Now));
        SettlementDecisions.Funded(feePause, 100, Now).Events.Should().BeEmpty("a fee pause ends when the fee falls, not on a send");
    }
}

public class SettlementDeliveryDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static SettlementState Fold(SettlementState s, Decision<bool, SettlementEvent> d) => d.Events.Aggregate(s, (x, e) => x.Apply(e));

    private static SignedAnchor Delivery(long nonce, string hash = "0xd1") => new("d", "", nonce, 300_000, 100, 1, "0xraw", hash);

    private static SettlementState Queued() =>
        Fold(SettlementState.Initial, SettlementDecisions.QueueDeliveries(SettlementState.Initial, [new DeliveryRequest("d", "c1", "0xWallet")], Now));

    [Fact]
    public void a_hand_off_is_queued_once_and_submitted_under_the_signers_one_nonce_sequence()
    {
        var s = Queued();
        SettlementDecisions.QueueDeliveries(s, [new DeliveryRequest("d", "c1", "0xWallet")], Now).Events.Should().BeEmpty("redelivered by the feed");
        s.QueuedDeliveries.Should().ContainSingle();
        s = Fold(s, SettlementDecisions.SubmitDelivery(s, "c1", Delivery(7), 7, Now));
        s.InFlight[7].IsDelivery.Should().BeTrue();
        s.InFlight[7].IsGapFiller.Should().BeFalse();
        s.FreeNonce(7).Should().Be(8, "an anchor after it takes the next nonce");
        SettlementDecisions.SubmitDelivery(s, "c1", Delivery(8, "0xd2"), 7, Now).Events.Should().BeEmpty("already submitted");

        var confirmed = Fold(s, SettlementDecisions.Confirm(s, 7, "0xd1", 12, "0xb", 3, Now));
        confirmed.Deliveries.Values.Single().Should().Match<DeliveryView>(d => d.State == AnchorStates.Delivered && d.Block == 12 && d.TxHash == "0xd1");
        confirmed.Anchors.Should().BeEmpty();
    }

    [Fact]
    public void a_token_already_minted_is_delivered_without_a_transaction_and_a_taken_nonce_requeues()
    {
        var found = Fold(Queued(), SettlementDecisions.DeliveryFound(Queued(), "d", "c1", "0xWallet", Now));
        found.Deliveries.Values.Single().Should().Match<DeliveryView>(d => d.State == AnchorStates.Delivered && d.TxHash == null);
        SettlementDecisions.DeliveryFound(found, "d", "c1", "0xWallet", Now).Events.Should().BeEmpty();

        var sent = Fold(Queued(), SettlementDecisions.SubmitDelivery(Queued(), "c1", Delivery(7), 7, Now));
        var requeued = Fold(sent, SettlementDecisions.Fail(sent, 7, "0xd1", "nonce taken", requeue: true, Now));
        requeued.QueuedDeliveries.Should().ContainSingle();
        requeued.InFlight.Should().BeEmpty();
        var foundInFlight = Fold(sent, SettlementDecisions.DeliveryFound(sent, "d", "c1", "0xWallet", Now));
        foundInFlight.InFlight.Should().BeEmpty("a minted token needs no transaction in flight");
    }
}

public class SettlementFillerDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static SettlementState Fold(SettlementState s, Decision<bool, SettlementEvent> d) => d.Events.Aggregate(s, (x, e) => x.Apply(e));

    [Fact]
    public void a_filler_the_node_refuses_is_not_sent_again_at_that_nonce()
    {
        var s = SettlementState.Initial;
        s = Fold(s, SettlementDecisions.Queue(s, [new AnchorRequest("d", "0x" + new string('2', 64), 1, 1)], Now));
        s = Fold(s, SettlementDecisions.Submit(s, new SignedAnchor("d", "0x" + new string('2', 64), 11, 120_000, 100, 1, "0xraw", "0xa11"), 10, Now));
        s.Gaps(10).Should().Equal(10);
        var filler = new SignedAnchor("", "", 10, 21_000, 100, 1, "0xfill", "0xf10");
        s = Fold(s, SettlementDecisions.FillGap(s, filler, 10, Now));
        s = Fold(s, SettlementDecisions.Refused(s, 10, "0xf10", "invalid chain id", Now));
        s.Gaps(10).Should().Equal(10);
        SettlementDecisions.FillGap(s, filler with { TxHash = "0xf10b" }, 10, Now).Events.Should().BeEmpty("refused once: an operator must look");
    }
}
