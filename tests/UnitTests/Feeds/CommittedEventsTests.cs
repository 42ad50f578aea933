using MicroEvents.Feeds;

namespace MicroEvents.UnitTests.Feeds;

/// <summary>A feed may take from memory only a run of sequence numbers without a gap; anything else is read from PostgreSQL.</summary>
public class CommittedEventsTests
{
    private static FeedEvent At(long sequence) => new(sequence, "drop/d", sequence, DateTimeOffset.UnixEpoch, $"event {sequence}");

    private static IReadOnlyList<FeedEvent> Run(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(s => At(s))];

    [Fact]
    public void hands_out_the_run_after_a_position_across_commits()
    {
        var committed = new CommittedEvents();
        committed.Publish(Run(1, 3));
        committed.Publish(Run(4, 6));

        committed.After(2, 100).Select(e => e.Sequence).Should().Equal(3, 4, 5, 6);
        committed.After(6, 100).Should().BeEmpty("nothing newer was committed");
    }

    [Fact]
    public void stops_at_a_gap_so_an_event_committed_elsewhere_is_never_skipped()
    {
        var committed = new CommittedEvents();
        committed.Publish(Run(1, 3));
        committed.Publish(Run(6, 8)); // 4 and 5: another silo's, or an append whose outcome is unknown

        committed.After(0, 100).Select(e => e.Sequence).Should().Equal(1, 2, 3);
        committed.After(3, 100).Should().BeEmpty("4 is not held: the feed must read it from PostgreSQL");
        committed.After(5, 100).Select(e => e.Sequence).Should().Equal(6, 7, 8);
    }

    [Fact]
    public void a_position_before_what_is_held_reads_nothing_from_memory()
    {
        var committed = new CommittedEvents();
        committed.Publish(Run(10, 12));

        committed.After(0, 100).Should().BeEmpty("1..9 were never seen here (before a restart, or another silo's)");
        committed.After(9, 2).Select(e => e.Sequence).Should().Equal(10, 11);
    }

    [Fact]
    public void commits_published_out_of_order_are_served_in_sequence_order()
    {
        var committed = new CommittedEvents();
        committed.Publish([At(5), At(4)]);
        committed.Publish(Run(1, 3));

        committed.After(0, 100).Select(e => e.Sequence).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public void commits_numbered_interleaved_are_served_in_sequence_order()
    {
        // Two journals' statements drew from the sequence at the same time, and the later numbers committed first.
        var committed = new CommittedEvents();
        committed.Publish(Run(1, 2));
        committed.Publish([At(4), At(6), At(7)]);
        committed.Publish([At(3), At(5), At(8)]);

        committed.After(0, 100).Select(e => e.Sequence).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        committed.After(4, 2).Select(e => e.Sequence).Should().Equal(5, 6);
    }

    [Fact]
    public void only_the_newest_events_are_kept()
    {
        var committed = new CommittedEvents();
        for (var from = 1L; from <= 2 * CommittedEvents.Capacity; from += 1_000)
            committed.Publish(Run(from, from + 999));

        committed.After(0, 10).Should().BeEmpty("the oldest were dropped: a reader that far behind reads PostgreSQL");
        committed.After(2L * CommittedEvents.Capacity - 1, 10).Select(e => e.Sequence).Should().Equal(2L * CommittedEvents.Capacity);
    }

    [Fact]
    public void a_stream_is_served_from_a_version_while_its_versions_run_without_a_gap()
    {
        var committed = new CommittedEvents();
        committed.Publish([new(1, "drop/a", 1, default, "a1"), new(2, "drop/b", 1, default, "b1"), new(3, "drop/a", 2, default, "a2")]);
        committed.Publish([new(4, "drop/a", 3, default, "a3"), new(6, "drop/a", 5, default, "a5")]); // a4 written by another silo

        committed.OfStream("drop/a", 2, null).Select(e => e.Data).Should().Equal("a2", "a3");
        committed.OfStream("drop/a", 1, 2).Select(e => e.Data).Should().Equal("a1", "a2");
        committed.OfStream("drop/a", 4, null).Should().BeEmpty("a4 is not held: read the stream from PostgreSQL");
        committed.OfStream("drop/c", 1, null).Should().BeEmpty();
    }

    [Fact]
    public void a_stream_forgets_what_the_window_dropped()
    {
        var committed = new CommittedEvents();
        var total = 2 * CommittedEvents.Capacity;
        committed.Publish([.. Enumerable.Range(1, total).Select(i => new FeedEvent(i, "drop/a", i, default, i))]);

        committed.OfStream("drop/a", 1, null).Should().BeEmpty("the oldest were dropped");
        committed.OfStream("drop/a", total, null).Select(e => e.Version).Should().Equal(total);
    }
}
