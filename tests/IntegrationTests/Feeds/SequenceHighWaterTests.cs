using System.Diagnostics.Metrics;
using FluentAssertions;
using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Feeds;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MicroEvents.IntegrationTests.Feeds;

/// <summary>
/// Readers must not tax the writer (issue #30): the high-water mark is PostgreSQL's most expensive reader statement
/// under load, so a silo's feeds share each reading of it, and a reading answers every position below it.
/// </summary>
[Collection(FeedCollection.Name)]
public class SequenceHighWaterTests(FeedCluster cluster)
{
    [Fact]
    public async Task a_backlog_read_in_pages_costs_one_high_water_read_not_one_per_page()
    {
        var head = await MintSome(60);
        using var reads = new ReadCounter();
        var highWater = new SequenceHighWater(cluster.Store, reads.Metrics);

        var first = await highWater.After(0, CancellationToken.None);
        first.Should().BeGreaterThanOrEqualTo(head, "every committed event is visible");
        // A feed reading its backlog in pages of 10 asks again at the end of each page.
        for (var position = 10L; position < first; position += 10)
            (await highWater.After(position, CancellationToken.None)).Should().Be(first);

        reads.Count.Should().Be(1, "what was visible without a gap stays so: one reading answers every page below it");
    }

    [Fact]
    public async Task feeds_caught_up_at_the_head_share_one_reading_per_poll()
    {
        var head = await MintSome(5);
        using var reads = new ReadCounter();
        // A poll interval far longer than the test, so "within one poll" does not depend on the machine's speed.
        var highWater = new SequenceHighWater(cluster.Store, reads.Metrics, readEvery: TimeSpan.FromMinutes(5));
        var mark = await highWater.After(head, CancellationToken.None);

        // Five feeds of the silo poll at the head within that interval.
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => highWater.After(mark, CancellationToken.None)));

        answers.Should().AllSatisfy(a => a.Should().Be(mark));
        reads.Count.Should().Be(1, "one reading per poll for the silo, not one per feed per poll");

        // Once the interval has passed, the next poll reads again and sees what was committed meanwhile.
        var later = await MintSome(3);
        var nextPoll = new SequenceHighWater(cluster.Store, reads.Metrics, readEvery: TimeSpan.Zero);
        (await nextPoll.After(mark, CancellationToken.None)).Should().BeGreaterThanOrEqualTo(later);
    }

    [Fact]
    public async Task a_lagging_feed_gets_the_mark_from_memory_and_never_makes_the_silo_walk_its_lag_again()
    {
        var laggard = await MintSome(1); // a feed stuck here (a slow handler) while the others follow the head
        var head = await MintSome(60);
        using var reads = new ReadCounter();
        var highWater = new SequenceHighWater(cluster.Store, reads.Metrics, readEvery: TimeSpan.Zero);

        // The head feed polls, then the laggard; twice, with new events between.
        await highWater.After(head, CancellationToken.None);
        (await highWater.After(laggard, CancellationToken.None)).Should().BeGreaterThanOrEqualTo(head, "everything up to the head is visible");
        var later = await MintSome(20);
        await highWater.After(later, CancellationToken.None);
        (await highWater.After(laggard + 10, CancellationToken.None)).Should().BeGreaterThanOrEqualTo(later);

        // Before issue #30's fix each laggard poll read its whole lag (60 rows, then 70): the most expensive reader statement
        // under load, where a lagging feed's lag is thousands of events. Now only what is past the mark is read: the few
        // events committed between the polls (the cluster's own background appends), never the laggard's 60.
        reads.Rows.Should().BeLessThan(60, "rows behind the silo's mark are never read again, whoever asks");
    }

    /// <summary>Mints on a new drop; returns the global sequence of its last event.</summary>
    private async Task<long> MintSome(int count)
    {
        var id = Samples.NewId("highwater");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: count));
        for (var i = 0; i < count; i++) await drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null));
        await using var session = cluster.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(DropStream.Key(id));
        return events[^1].Sequence;
    }

    /// <summary>The high-water reads (and the rows they walked) of one <see cref="FeedMetrics"/>, apart from every other silo's in this process.</summary>
    private sealed class ReadCounter : IDisposable
    {
        private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        private readonly MeterListener _listener = new();
        private long _count;
        private long _rows;

        public ReadCounter()
        {
            var factory = _services.GetRequiredService<IMeterFactory>();
            Metrics = new FeedMetrics(factory);
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name is "microevents.feed.highwater.reads" or "microevents.feed.highwater.rows")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
                Interlocked.Add(ref instrument.Name == "microevents.feed.highwater.rows" ? ref _rows : ref _count, value));
            _listener.Start();
        }

        public FeedMetrics Metrics { get; }

        public long Count => Interlocked.Read(ref _count);

        public long Rows => Interlocked.Read(ref _rows);

        public void Dispose()
        {
            _listener.Dispose();
            _services.Dispose();
        }
    }
}
