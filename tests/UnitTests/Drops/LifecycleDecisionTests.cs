using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

public class LifecycleDecisionTests
{
    public static TheoryData<string> Actions => ["open", "pause", "close"];

    private static Decision<bool, DropEvent> Do(string action, DropState state) => action switch
    {
        "open" => DropDecisions.Open(state, At.Later),
        "pause" => DropDecisions.Pause(state, At.Later),
        "close" => DropDecisions.Close(state, At.Later),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    [Fact]
    public void opening_a_draft_drop_records_that_it_opened()
    {
        var decision = DropDecisions.Open(Given.Draft(), At.Opened);

        decision.Events.Should().Equal(new DropOpened(At.Opened));
        Given.Draft().After(decision).Status.Should().Be(DropStatus.Open);
    }

    [Fact]
    public void pausing_an_open_drop_records_that_it_paused()
    {
        var decision = DropDecisions.Pause(Given.Open(), At.Claiming);

        decision.Events.Should().Equal(new DropPaused(At.Claiming));
        Given.Open().After(decision).Status.Should().Be(DropStatus.Paused);
    }

    [Fact]
    public void opening_a_paused_drop_records_that_it_resumed_not_that_it_opened()
    {
        var decision = DropDecisions.Open(Given.Paused(), At.Later);

        decision.Events.Should().Equal(new DropResumed(At.Later));
        Given.Paused().After(decision).Status.Should().Be(DropStatus.Open);
    }

    public static TheoryData<string> ClosablePhases => ["draft", "open", "paused"];

    [Theory]
    [MemberData(nameof(ClosablePhases))]
    public void a_drop_that_is_not_closed_yet_can_be_closed(string phase)
    {
        var drop = phase switch { "draft" => Given.Draft(), "open" => Given.Open(), _ => Given.Paused() };

        var decision = DropDecisions.Close(drop, At.Later);

        decision.Events.Should().Equal(new DropClosed(At.Later));
        drop.After(decision).Status.Should().Be(DropStatus.Closed);
    }

    [Fact]
    public void asking_for_the_phase_a_drop_is_already_in_changes_nothing()
    {
        foreach (var (action, drop) in new[] { ("open", Given.Open()), ("pause", Given.Paused()), ("close", Given.Closed()) })
        {
            var decision = Do(action, drop);
            decision.Events.Should().BeEmpty(action);
            decision.Result.Should().BeFalse(action);
        }
    }

    [Fact]
    public void pausing_a_draft_drop_is_rejected_as_invalid_transition() =>
        Rejection.Of(() => DropDecisions.Pause(Given.Draft(), At.Later)).Code.Should().Be(RejectionCodes.InvalidTransition);

    [Theory]
    [InlineData("open")]
    [InlineData("pause")]
    public void a_closed_drop_stays_closed_whatever_is_asked(string action) =>
        Rejection.Of(() => Do(action, Given.Closed())).Code.Should().Be(RejectionCodes.InvalidTransition);

    [Theory]
    [MemberData(nameof(Actions))]
    public void any_transition_of_a_drop_that_was_never_created_is_rejected_as_drop_not_found(string action) =>
        Rejection.Of(() => Do(action, DropState.Initial)).Code.Should().Be(RejectionCodes.DropNotFound);

    [Fact]
    public void a_sold_out_drop_can_still_be_paused_and_closed()
    {
        var soldOut = Given.Open(Given.Manifest with { Supply = 1 }).Claimed("c1", Wallet.Alice);
        soldOut.Status.Should().Be(DropStatus.SoldOut);

        DropDecisions.Pause(soldOut, At.Later).Events.Should().ContainSingle().Which.Should().BeOfType<DropPaused>();
        DropDecisions.Close(soldOut, At.Later).Events.Should().ContainSingle().Which.Should().BeOfType<DropClosed>();
    }
}
