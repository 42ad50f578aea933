using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Projections;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>
/// The daemon wakes on the journal's NOTIFY but works at most once per pace while commits keep coming: woken on every
/// commit, a hot drop drove about 50 daemon cycles a second, each a gap query plus a transaction and a progress row per
/// projection, and that bookkeeping was most of what the readers cost PostgreSQL per claim (issue #30).
/// </summary>
[Collection(ProjectionCollection.Name)]
public class DaemonPaceTests(ProjectionServer server)
{
    [Fact]
    public async Task a_steady_trickle_of_commits_is_projected_in_a_page_per_pace_not_a_page_per_commit()
    {
        await server.DaemonRunning();
        await server.ReadersCaughtUp();
        var loaded = ((JournalDocumentStore)server.Store).ProjectionEvents;
        var id = Samples.NewId("pace");
        var drop = await server.Client.OpenDrop(Samples.Drop(id, supply: 100));
        await server.ReadersCaughtUp();
        var pagesBefore = loaded.Pages;

        // One claim, so one commit, every 25 ms for two seconds.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        const int Claims = 80;
        for (var i = 0; i < Claims; i++)
        {
            await drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null));
            await Task.Delay(25);
        }
        var span = watch.Elapsed;
        await server.ReadersCaughtUp();

        (await server.Http.GetFromJson($"/drops/{id}/timeline")).GetProperty("claims").GetInt64().Should().Be(Claims);
        // Two projections take mints (timeline and leaderboard); each may take a page per pace, plus the ones either side.
        var allowed = 2 * ((int)(span / DaemonPace.Pace) + 3);
        (loaded.Pages - pagesBefore).Should().BeLessThanOrEqualTo(allowed,
            $"{Claims} commits over {span.TotalSeconds:0.0} s are taken a pace ({DaemonPace.Pace.TotalMilliseconds} ms) at a time, not one page each");
    }
}
