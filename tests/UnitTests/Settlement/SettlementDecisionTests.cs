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
        var state = Fold(Queued(), SettlementDecisions.Submit(Queued(), Signed(5), Now));
        state.InFlight.Keys.Should().Equal(5);
        state = Fold(state, SettlementDecisions.Queue(state, [new AnchorRequest("d", Root[..^1] + "2", 11, 20)], Now));
        var other = new SignedAnchor("d", Root[..^1] + "2", 5, 120_000, 100, 1, "0xraw2", "0xbb");
        SettlementDecisions.Submit(state, other, Now).Events.Should().BeEmpty("nonce 5 is taken");
        SettlementDecisions.Submit(state, Signed(6), Now).Events.Should().BeEmpty("that root is already submitted");
    }

    [Fact]
    public void a_replacement_keeps_every_hash_so_whichever_is_mined_confirms()
    {
        var state = Fold(Queued(), SettlementDecisions.Submit(Queued(), Signed(5, "0xaa"), Now));
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
        var state = Fold(Queued(), SettlementDecisions.Submit(Queued(), Signed(5), Now));
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
