using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>
/// Many quiet streams appending at once: the journal then runs a second commit beside the first (AppendQueue). Every
/// stream's appends still land in order, each once, and of two writers racing on one version exactly one wins.
/// </summary>
public class ConcurrentCommitsTests : NewJournalSchema
{
    [Fact]
    public async Task appends_of_many_streams_at_once_each_land_in_order_and_a_race_on_one_version_has_one_winner()
    {
        var journal = new EventJournal(Store, Options.Create(new JournalOptions { SnapshotEvery = 0 }));
        var events = DropDecisions.Create(DropState.Initial, Samples.Drop("concurrent"), DateTimeOffset.UnixEpoch).Events.Cast<object>().ToList();
        const int Streams = 400, AppendsEach = 3;

        // Each stream appends three times, one after the other, while the other streams do the same: hundreds wait at once.
        var results = await Task.WhenAll(Enumerable.Range(0, Streams).Select(async s =>
        {
            var won = new List<bool>();
            for (var a = 0; a < AppendsEach; a++)
                won.Add(await journal.Append($"drop/concurrent-{s:d3}", (long)a * events.Count, events, _ => null));
            return won;
        }));
        // Two writers from the same version of one stream, many times over: one each time.
        var races = await Task.WhenAll(Enumerable.Range(0, 50).Select(async r =>
        {
            var key = $"drop/race-{r:d2}";
            var both = await Task.WhenAll(journal.Append(key, 0, events, _ => null), journal.Append(key, 0, events, _ => null));
            return both.Count(w => w);
        }));

        results.SelectMany(r => r).Should().AllSatisfy(w => w.Should().BeTrue());
        races.Should().AllSatisfy(winners => winners.Should().Be(1));
        var disorder = await TestPostgres.Scalar($"""
            select count(*) from (
              select version - lag(version) over (partition by stream_id order by seq_id) as step, version,
                     row_number() over (partition by stream_id order by seq_id) as n
              from {Schema}.mt_events where stream_id like 'drop/concurrent-%') e
            where e.step <> 1 or e.version <> e.n
            """);
        disorder.Should().Be(0L, "each stream's events are numbered 1, 2, 3, … in the order they were committed");
        (await TestPostgres.Scalar($"select count(*) from {Schema}.mt_events where stream_id like 'drop/concurrent-%'"))
            .Should().Be((long)Streams * AppendsEach * events.Count);
        (await TestPostgres.Scalar($"select count(*) from {Schema}.mt_streams where id like 'drop/concurrent-%' and version <> {AppendsEach * events.Count}"))
            .Should().Be(0L);
    }
}
