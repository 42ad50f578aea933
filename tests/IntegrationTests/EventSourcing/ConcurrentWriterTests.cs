using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>Two writers on one stream, as when Orleans briefly runs two activations of a drop.</summary>
[Collection(SharedDropCluster.Name)]
public class ConcurrentWriterTests(DropCluster cluster)
{
    [Fact]
    public async Task of_two_writers_appending_at_the_same_version_exactly_one_wins()
    {
        var key = $"drop/{Samples.NewId("race")}";
        var (first, second) = (cluster.Journal(), cluster.Journal());
        var created = DropDecisions.Create(DropState.Initial, Samples.Drop(key[5..], supply: 1), DateTimeOffset.UnixEpoch).Events;
        (await first.Append(key, 0, [.. created, new DropOpened(DateTimeOffset.UnixEpoch)], _ => null)).Should().BeTrue();

        // Both read version 2 with one token left, both decide to mint token 1.
        var seenByA = await first.Read<DropState, DropEvent>(key);
        var seenByB = await second.Read<DropState, DropEvent>(key);
        var mintA = DropDecisions.Claim(seenByA.State, new ClaimToken("a", Samples.Wallet(1), null), DateTimeOffset.UnixEpoch).Events;
        var mintB = DropDecisions.Claim(seenByB.State, new ClaimToken("b", Samples.Wallet(2), null), DateTimeOffset.UnixEpoch).Events;

        var outcomes = await Task.WhenAll(
            first.Append(key, seenByA.Version, mintA, _ => "a"),
            second.Append(key, seenByB.Version, mintB, _ => "b"));

        outcomes.Should().ContainSingle(ok => ok);
        var reread = await second.Read<DropState, DropEvent>(key);
        reread.Version.Should().Be(3);
        reread.State.Minted.Should().Be(1);

        // The loser re-reads and decides again: the drop is now sold out, so nothing oversells.
        var retry = () => DropDecisions.Claim(reread.State, new ClaimToken(outcomes[0] ? "b" : "a", Samples.Wallet(3), null), DateTimeOffset.UnixEpoch);
        retry.Should().Throw<MicroEvents.Rejections.Rejected>().Which.Code.Should().Be("sold-out");
    }

    [Fact]
    public async Task appends_to_many_streams_at_once_succeed_or_fail_each_on_their_own()
    {
        var journal = cluster.Journal();
        var keys = Enumerable.Range(0, 40).Select(i => $"drop/{Samples.NewId($"many{i}")}").ToList();
        await Task.WhenAll(keys.Select(k => journal.Append(k, 0, Created(k), _ => null)));

        // Every stream is at version 1; stream 7 is told it is at 5, which it is not.
        var outcomes = await Task.WhenAll(keys.Select((k, i) =>
            journal.Append(k, i == 7 ? 5 : 1, [new DropOpened(DateTimeOffset.UnixEpoch)], _ => $"open-{i}")));

        outcomes.Select((ok, i) => (ok, i)).Should().OnlyContain(x => x.ok == (x.i != 7));
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            var read = await journal.Read<DropState, DropEvent>(key);
            read.Version.Should().Be(i == 7 ? 1 : 2);
            read.State.Phase.Should().Be(i == 7 ? DropPhase.Draft : DropPhase.Open);
        }
    }

    private static IReadOnlyList<DropEvent> Created(string key) =>
        DropDecisions.Create(DropState.Initial, Samples.Drop(key[5..]), DateTimeOffset.UnixEpoch).Events;

    [Fact]
    public async Task starting_a_stream_that_already_exists_is_a_conflict_not_an_error()
    {
        var key = $"drop/{Samples.NewId("twice")}";
        var created = DropDecisions.Create(DropState.Initial, Samples.Drop(key[5..]), DateTimeOffset.UnixEpoch).Events;

        (await cluster.Journal().Append(key, 0, created, _ => null)).Should().BeTrue();
        (await cluster.Journal().Append(key, 0, created, _ => null)).Should().BeFalse();
    }
}
