using MicroEvents.Drops;
using MicroEvents.Live;

namespace MicroEvents.UnitTests.Live;

public class LiveFoldTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static LiveMint Mint(long version, long number) => new(version, new LiveToken(number, null, At));

    private static LivePoint Point(long version, string alias, long? supply = null, LiveMint? before = null, long mintsBefore = 0) => new(version, alias, At, supply, before, mintsBefore);

    private static LiveState OpenDrop(long supply) =>
        LiveFold.Step(LiveState.None, new LiveRead(2, [Point(1, "drop.created.v1", supply), Point(2, "drop.opened.v1")], null), null).State;

    [Fact]
    public void a_stretch_of_mints_is_one_progress_message_at_the_last_version()
    {
        var (state, messages) = LiveFold.Step(OpenDrop(1000), new LiveRead(500, [], Mint(500, 498), Mints: 498), 1200);

        messages.Should().ContainSingle().Which.Should().Match<LiveMessage>(m =>
            m.Kind == LiveKind.Progress && m.Version == 500 && m.Minted == 498 && m.Remaining == 502 && m.ClaimsPerSecond == 1200);
        state.Version.Should().Be(500);
    }

    [Fact]
    public void a_pause_and_resume_inside_one_stretch_are_both_status_messages_with_the_counts_of_their_moment()
    {
        var read = new LiveRead(20, [Point(8, "drop.paused.v1", before: Mint(7, 5), mintsBefore: 5), Point(9, "drop.resumed.v1", before: Mint(7, 5), mintsBefore: 5)], Mint(20, 16), Mints: 16);

        var (_, messages) = LiveFold.Step(OpenDrop(100), read, null);

        messages.Select(m => (m.Kind, m.Version, m.Status, m.Minted)).Should().Equal(
            (LiveKind.Status, 8, DropStatus.Paused, 5), (LiveKind.Status, 9, DropStatus.Open, 5), (LiveKind.Progress, 20, DropStatus.Open, 16));
    }

    [Fact]
    public void selling_out_is_a_status_message_at_the_mint_that_sold_the_last_token()
    {
        var read = new LiveRead(6, [Point(6, "drop.closed.v1", before: Mint(5, 3), mintsBefore: 3)], Mint(5, 3), Mints: 3);

        var (_, messages) = LiveFold.Step(OpenDrop(3), read, null);

        messages.Select(m => (m.Kind, m.Version, m.Status)).Should().Equal(
            (LiveKind.Status, 5, DropStatus.SoldOut), (LiveKind.Status, 6, DropStatus.Closed));
    }

    [Fact]
    public void nothing_new_is_no_message_and_an_unknown_event_only_moves_the_version()
    {
        var open = OpenDrop(10);
        LiveFold.Step(open, new LiveRead(2, [], null), 0).Messages.Should().BeEmpty();

        var (state, messages) = LiveFold.Step(open, new LiveRead(3, [Point(3, "drop.something_new.v1")], null), 0);
        messages.Should().ContainSingle().Which.Should().Match<LiveMessage>(m => m.Kind == LiveKind.Progress && m.Version == 3 && m.Status == DropStatus.Open);
        state.Phase.Should().Be(DropPhase.Open);
    }

    [Fact]
    public void a_token_given_back_counts_as_one_fewer_minted_and_reopens_a_sold_out_drop()
    {
        var read = new LiveRead(6, [Point(6, "drop.token_released.v1", before: Mint(5, 3), mintsBefore: 3)], Mint(5, 3), Mints: 3);

        var (state, messages) = LiveFold.Step(OpenDrop(3), read, null);

        messages.Select(m => (m.Kind, m.Version, m.Status, m.Minted, m.Remaining)).Should().Equal(
            (LiveKind.Status, 5, DropStatus.SoldOut, 3, 0), (LiveKind.Status, 6, DropStatus.Open, 2, 1));
        state.Minted.Should().Be(2);
    }
}
