using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>
/// Readers must not tax the writer: Marten's projections daemon, in the silo that committed the events, takes them
/// from memory as the grains raised them instead of reading back and decoding every mint from PostgreSQL (issue #30).
/// The same read model as from storage: ProjectionTests' rebuild (from PostgreSQL) must equal the live result.
/// </summary>
[Collection(ProjectionCollection.Name)]
public class ProjectionFromMemoryTests(ProjectionServer server)
{
    [Fact]
    public async Task mints_committed_in_the_daemons_silo_reach_the_projections_without_being_read_back()
    {
        await server.DaemonRunning();
        await server.ReadersCaughtUp();
        var loaded = ((JournalDocumentStore)server.Store).ProjectionEvents;
        var (memoryBefore, storageBefore) = (loaded.FromMemory, loaded.FromStorage);

        var id = Samples.NewId("projmem");
        var drop = await server.Client.OpenDrop(Samples.Drop(id, supply: 400));
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null))));
        await server.ReadersCaughtUp();

        (await server.Http.GetFromJson($"/drops/{id}/timeline")).GetProperty("claims").GetInt64().Should().Be(300);
        (loaded.FromStorage - storageBefore).Should().Be(0, "nothing this silo committed is read back from PostgreSQL by the daemon");
        (loaded.FromMemory - memoryBefore).Should().BeGreaterThanOrEqualTo(300, "the timeline and the leaderboard each take every mint from memory");
    }
}
