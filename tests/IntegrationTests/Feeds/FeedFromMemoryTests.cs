using System.Diagnostics.Metrics;
using FluentAssertions;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Feeds;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Feeds;

/// <summary>
/// Readers must not tax the writer: a feed in the silo that committed the events takes them from memory, as
/// written, instead of reading back and decoding every one from PostgreSQL (issue #30).
/// </summary>
// The delivered counter is process-wide: no other "test-mints" feed may run meanwhile (the shared feed collection runs one class at a time).
[Collection(FeedCollection.Name)]
public class FeedFromMemoryTests(FeedCluster cluster)
{
    [Fact]
    public async Task mints_committed_in_the_feeds_silo_are_delivered_without_reading_them_back()
    {
        using var delivered = new DeliveredCounter(cluster.Recorder.Name);
        var id = Samples.NewId("feedmem");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 400));
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null))));
        await Eventually.True(() => Task.FromResult(cluster.Recorder.For(id).Count >= 300), TimeSpan.FromSeconds(20), "300 mints delivered");

        cluster.Recorder.For(id).Select(e => ((TokenMinted)e.Data).TokenNumber).Should().Equal(Enumerable.Range(1, 300).Select(n => (long)n),
            "the same events, once each, in the drop's order");
        delivered.From(FeedGrain.FromStorage).Should().Be(0, "nothing this silo committed is read back from PostgreSQL");
        delivered.From(FeedGrain.FromMemory).Should().BeGreaterThanOrEqualTo(300);
    }

    /// <summary>The feeds' delivered counter for one feed, by source, as the telemetry exporter sees it.</summary>
    private sealed class DeliveredCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _bySource = [];

        public DeliveredCounter(string feed)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EventJournal.MeterName && instrument.Name == "microevents.feed.events.delivered")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? name = null, source = null;
                foreach (var tag in tags)
                    if (tag.Key == "feed") name = tag.Value as string;
                    else if (tag.Key == "source") source = tag.Value as string;
                if (name == feed) lock (_bySource) _bySource[source ?? "?"] = _bySource.GetValueOrDefault(source ?? "?") + value;
            });
            _listener.Start();
        }

        public long From(string source)
        {
            lock (_bySource) return _bySource.GetValueOrDefault(source);
        }

        public void Dispose() => _listener.Dispose();
    }
}
