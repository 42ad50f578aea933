using System.Collections.Concurrent;
using MicroEvents.Drops.Events;
using MicroEvents.Feeds;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MicroEvents.IntegrationTests.Feeds;

/// <summary>What a feed handed over, in order; and a switch to make its handler fail.</summary>
public sealed class MintRecorder : IFeedHandler
{
    public ConcurrentQueue<FeedEvent> Received { get; } = new();
    public int FailuresLeft;

    public string Name => "test-mints";

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TokenMinted)];

    public Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct)
    {
        if (Interlocked.Decrement(ref FailuresLeft) >= 0) throw new InvalidOperationException("the partner is down");
        foreach (var e in events) Received.Enqueue(e);
        return Task.CompletedTask;
    }

    public IReadOnlyList<FeedEvent> For(string dropId) => Received.Where(e => e.StreamKey == $"drop/{dropId}").ToList();
}

/// <summary>A test cluster running one feed of every mint; the recorder outlives restarts, like a partner would.</summary>
public class FeedCluster : DropCluster
{
    public MintRecorder Recorder { get; } = new();

    protected override string? ServiceId => "feed-tests";

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(Recorder);
        silo.AddFeed<RecorderFeed>();
    }

    // The registered handler forwards to the fixture's recorder, which the test inspects.
    private sealed class RecorderFeed(MintRecorder recorder) : IFeedHandler
    {
        public string Name => recorder.Name;
        public IReadOnlyCollection<Type> EventTypes => recorder.EventTypes;
        public Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct) => recorder.Handle(events, ct);
    }
}
