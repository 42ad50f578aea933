using System.Net;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Live;

/// <summary>
/// GET /drops/{id}/live through the real gateway: what a live page sees while claims arrive, after it
/// reconnects, and when the drop changes status.
/// </summary>
[Collection(LiveCollection.Name)]
public class LiveFeedTests(LiveServer server)
{
    [Fact]
    public async Task a_watcher_sees_the_counters_move_with_the_stream_version_as_each_id()
    {
        var id = await server.OpenDrop(supply: 100);
        await using var live = await SseStream.Open(server.Anonymous, $"/drops/{id}/live");
        live.Status.Should().Be(HttpStatusCode.OK);
        live.ContentType.Should().Be("text/event-stream");

        var first = (await live.Until(_ => true)).Single();
        first.Event.Should().Be("progress");
        first.Version.Should().Be(2, "created and opened: the stream is at version 2");
        first.Status.Should().Be("open");
        first.Minted.Should().Be(0);

        await server.Claim(id, 10);
        var seen = await live.Until(e => e.Minted == 10);

        var last = seen[^1].Json;
        last.GetProperty("remaining").GetInt64().Should().Be(90);
        last.GetProperty("supply").GetInt64().Should().Be(100);
        last.GetProperty("lastToken").GetProperty("number").GetInt64().Should().Be(10);
        seen[^1].Version.Should().Be(12, "the id is the version of the stream's last event");
        seen.Select(e => e.Version).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        seen.Count.Should().BeLessThan(10, "updates are coalesced, not one message per claim… at least some of the time").And.BeGreaterThan(0);
    }

    [Fact]
    public async Task reconnecting_with_last_event_id_resumes_without_gap_or_duplicate()
    {
        var id = await server.OpenDrop(supply: 100);
        // Another page keeps watching all along, so this gateway's feed is current when the client comes back.
        await using var other = await SseStream.Open(server.Anonymous, $"/drops/{id}/live");
        long resumeFrom;
        await using (var live = await SseStream.Open(server.Anonymous, $"/drops/{id}/live"))
        {
            await server.Claim(id, 3);
            resumeFrom = (await live.Until(e => e.Minted == 3))[^1].Version;
        }
        resumeFrom.Should().Be(5);

        // Missed while away: claims, a pause (version 8), a resume (version 9), more claims (to version 13).
        await server.Claim(id, 2, firstWallet: 4);
        (await server.Http.PostAsync($"/drops/{id}/pause", null)).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        await server.Claim(id, 4, firstWallet: 6);
        await other.Until(e => e.Minted == 9);

        await using var again = await SseStream.Open(server.Anonymous, $"/drops/{id}/live", lastEventId: resumeFrom);
        var missed = await again.Until(e => e.Minted == 9);

        missed.Select(e => (e.Event, e.Version, e.Status)).Should().Equal(
            ("status", 8, "paused"), ("status", 9, "open"), ("progress", 13, "open"));
        missed[0].Minted.Should().Be(5, "the pause came after the fifth token");

        // Resuming from the last id again repeats nothing; the next claim is the next message.
        await using var third = await SseStream.Open(server.Anonymous, $"/drops/{id}/live", lastEventId: 13);
        await server.Claim(id, 1, firstWallet: 10);
        var next = await third.Until(_ => true);
        next.Select(e => (e.Version, e.Minted)).Should().Equal((14, 10));
    }

    [Fact]
    public async Task status_changes_arrive_live_and_the_stream_ends_when_the_drop_closes()
    {
        var id = await server.OpenDrop(supply: 3);
        await using var live = await SseStream.Open(server.Anonymous, $"/drops/{id}/live");
        await live.Until(_ => true);

        (await server.Http.PostAsync($"/drops/{id}/pause", null)).EnsureSuccessStatusCode();
        (await live.Until(e => e.Event == "status")).Last().Should().Match<SseEvent>(e => e.Status == "paused" && e.Version == 3);
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        (await live.Until(e => e.Event == "status")).Last().Status.Should().Be("open");

        await server.Claim(id, 3);
        var soldOut = (await live.Until(e => e.Event == "status")).Last();
        soldOut.Should().Match<SseEvent>(e => e.Status == "soldOut" && e.Version == 7 && e.Minted == 3, "the third mint (version 7) sold it out");

        (await server.Http.PostAsync($"/drops/{id}/close", null)).EnsureSuccessStatusCode();
        var closed = (await live.Until(e => e.Event == "status")).Last();
        closed.Should().Match<SseEvent>(e => e.Status == "closed" && e.Version == 8);
        (await live.Next()).Should().BeNull("nothing follows a closed drop: the server ends the stream");

        await using var resumed = await SseStream.Open(server.Anonymous, $"/drops/{id}/live", lastEventId: 8);
        resumed.Status.Should().Be(HttpStatusCode.NoContent, "204 tells EventSource to stop reconnecting");
    }

    // Slow: waits for heartbeats, about 3 s.
    [Trait(Category.Name, Category.Slow)]
    [Fact]
    public async Task an_idle_stream_gets_heartbeat_comments()
    {
        var id = await server.OpenDrop(supply: 5);
        await using var live = await SseStream.Open(server.Anonymous, $"/drops/{id}/live");
        await live.Until(_ => true);

        try
        {
            await live.Next(TimeSpan.FromSeconds(3));
        }
        catch (TimeoutException)
        {
            // Nothing happened on the drop: exactly the case the heartbeat is for.
        }
        live.Comments.Should().BeGreaterThan(0, "a keep-alive comment is sent every second on this server when nothing else is");
    }

    [Fact]
    public async Task the_feed_is_public_and_carries_counts_never_wallets_or_claim_ids()
    {
        var id = await server.OpenDrop(supply: 10);
        await server.Claim(id, 2, firstWallet: 4242);
        await using var live = await SseStream.Open(server.Anonymous, $"/drops/{id}/live");
        var seen = await live.Until(e => e.Minted == 2);

        var text = string.Join("\n", seen.Select(e => e.Data));
        text.Should().NotContain(Samples.Wallet(4242)[2..]).And.NotContain("c4242").And.NotContain("c4243");
    }

    [Fact]
    public async Task bad_input_is_a_problem_and_an_unknown_drop_is_404()
    {
        var id = await server.OpenDrop(supply: 10);
        var bad = new HttpRequestMessage(HttpMethod.Get, $"/drops/{id}/live") { Headers = { { "Last-Event-ID", "-1" } } };
        var refused = await server.Anonymous.SendAsync(bad);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Problem()).GetProperty("errors").TryGetProperty("Last-Event-ID", out _).Should().BeTrue();

        var unknown = await server.Anonymous.GetAsync($"/drops/{Samples.NewId("nope")}/live");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Problem()).GetProperty("type").GetString().Should().Be("/problems/drop-not-found");
        (await server.Anonymous.GetAsync("/drops/NOT_A_DROP/live.html")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
