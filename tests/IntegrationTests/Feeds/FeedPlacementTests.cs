using FluentAssertions;
using MicroEvents.Drops;
using MicroEvents.Feeds;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Rejections;
using Microsoft.Extensions.DependencyInjection;

namespace MicroEvents.IntegrationTests.Feeds;

/// <summary>
/// A cluster whose silos differ in what they run, as when settlement is on in one silo and off in another (or a
/// rolling upgrade adds a feature): the first silo has no feed handler; silos started after <see cref="WithFeed"/>
/// register the recorder's feed.
/// </summary>
public sealed class MixedFeedCluster : DropCluster
{
    public MintRecorder Recorder { get; } = new();

    /// <summary>Whether the next silo started registers the feed.</summary>
    public bool WithFeed { get; set; }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        if (!WithFeed) return;
        silo.Services.AddSingleton(Recorder);
        silo.AddFeed<RecorderFeed>();
    }

    private sealed class RecorderFeed(MintRecorder recorder) : IFeedHandler
    {
        public string Name => recorder.Name;
        public IReadOnlyCollection<Type> EventTypes => recorder.EventTypes;
        public Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct) => recorder.Handle(events, ct);
    }
}

/// <summary>A feed runs where its feature is registered, and says so honestly where it is not.</summary>
public class FeedPlacementTests(MixedFeedCluster cluster) : IClassFixture<MixedFeedCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task a_feed_the_cluster_ran_before_shows_as_not_running_where_no_silo_has_it_and_runs_once_a_silo_with_it_joins()
    {
        var name = cluster.Recorder.Name;
        // The database remembers the feed (its checkpoint), as after a run with settlement on; the running silo has it off.
        await using (var session = cluster.Store.LightweightSession())
        {
            session.Store(new FeedCheckpoint { Id = name, Sequence = 0, UpdatedAt = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync();
        }
        var id = Samples.NewId("placed");
        await cluster.Client.OpenDrop(Samples.Drop(id, supply: 10));

        var stopped = await cluster.Client.GetGrain<IFeedGrain>(name).GetStatus();
        stopped.Running.Should().BeFalse("no running silo registers the feed");
        stopped.LastError.Should().Contain("Not running");
        stopped.HighWater.Should().BeGreaterThan(stopped.Checkpoint, "what it has yet to read shows as lag");

        // The question above activated the feed on the silo without it; a silo that has it joins and must run it.
        cluster.WithFeed = true;
        await cluster.Cluster.StartAdditionalSiloAsync();
        await cluster.Client.GetGrain<IDropGrain>(id).Claim(new ClaimToken("c1", Samples.Wallet(1), null));

        await Eventually.True(() => Task.FromResult(cluster.Recorder.For(id).Count == 1), Patience, "the joined silo runs the feed and delivers the mint");
        var running = await cluster.Client.GetGrain<IFeedGrain>(name).GetStatus();
        running.Should().Match<FeedStatus>(s => s.Running && s.LastError == null);
    }

    [Fact]
    public async Task a_feed_nobody_ever_ran_is_not_found()
    {
        var act = () => cluster.Client.GetGrain<IFeedGrain>(Samples.NewId("nofeed")).GetStatus();
        (await act.Should().ThrowAsync<Rejected>()).Which.Code.Should().Be(RejectionCodes.FeedNotFound);
    }
}
