using System.Net;
using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary><c>GET /drops/{id}?asOf=</c>: the drop as it was after a given version or at a given instant.</summary>
[Collection(SharedGateway.Name)]
public class AsOfTests(GatewayServer server)
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task as_of_a_version_answers_the_state_after_that_event()
    {
        var id = await DropOfFiveEvents();

        (await Summary($"/drops/{id}?asOf=1")).Should().BeEquivalentTo(new { Version = 1L, Status = DropStatus.Draft, Minted = 0L });
        (await Summary($"/drops/{id}?asOf=2")).Should().BeEquivalentTo(new { Version = 2L, Status = DropStatus.Open, Minted = 0L });
        (await Summary($"/drops/{id}?asOf=4")).Should().BeEquivalentTo(new { Version = 4L, Status = DropStatus.Open, Minted = 2L, Remaining = 8L });
        (await Summary($"/drops/{id}?asOf=5")).Should().BeEquivalentTo(new { Version = 5L, Status = DropStatus.Paused, Minted = 2L });
        var beyond = await Http.GetAsync($"/drops/{id}?asOf=99");
        beyond.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a version the stream has not reached is a mistake, not the present");
        (await beyond.Problem()).GetProperty("errors").TryGetProperty("asOf", out _).Should().BeTrue();
    }

    [Fact]
    public async Task as_of_an_instant_answers_the_state_stored_by_then()
    {
        var id = await DropOfFiveEvents();
        var stamps = (await Http.GetStringAsync($"/events?stream=drop/{id}")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("timestamp").GetString()!).ToList();

        (await Summary($"/drops/{id}?asOf={Uri.EscapeDataString(stamps[2])}")).Should().BeEquivalentTo(new { Version = 3L, Minted = 1L });
        (await Summary($"/drops/{id}?asOf={Uri.EscapeDataString(stamps[4])}")).Should().BeEquivalentTo(new { Version = 5L, Status = DropStatus.Paused });

        var before = DateTimeOffset.Parse(stamps[0]).AddSeconds(-1).ToString("O");
        var missing = await Http.GetAsync($"/drops/{id}?asOf={Uri.EscapeDataString(before)}");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound, "the drop did not exist yet");
        (await missing.Problem()).GetProperty("type").GetString().Should().Be("/problems/drop-not-found");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("yesterday")]
    [InlineData("-3")]
    [InlineData("99999999999999999999")]
    public async Task a_bad_as_of_is_a_400_naming_it(string asOf)
    {
        var id = await DropOfFiveEvents();
        var response = await Http.GetAsync($"/drops/{id}?asOf={Uri.EscapeDataString(asOf)}");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Problem()).GetProperty("errors").TryGetProperty("asOf", out _).Should().BeTrue();
    }

    [Fact]
    public async Task an_unknown_drop_has_no_past()
    {
        (await Http.GetAsync("/drops/never-created?asOf=1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task reading_the_past_leaves_the_drop_taking_claims()
    {
        var id = await DropOfFiveEvents();
        var drop = server.Client.GetGrain<IDropGrain>(id);
        await drop.Open();
        var reads = Enumerable.Range(0, 20).Select(i => Summary($"/drops/{id}?asOf={1 + i % 6}"));
        var claims = Enumerable.Range(10, 5).Select(i => drop.Claim(new ClaimToken($"c-{i}", Samples.Wallet(i), null)));
        await Task.WhenAll(reads.Concat<Task>(claims));
        (await drop.GetSummary()).Minted.Should().Be(7);
        (await Summary($"/drops/{id}?asOf=5")).Minted.Should().Be(2, "the past does not change");
    }

    // created, opened, minted, minted, paused: each in its own append, so each has its own timestamp.
    private async Task<string> DropOfFiveEvents()
    {
        var id = Samples.NewId("asof");
        var drop = await server.Client.OpenDrop(Samples.Drop(id, supply: 10));
        await drop.Claim(new ClaimToken("c-1", Samples.Wallet(1), null));
        await drop.Claim(new ClaimToken("c-2", Samples.Wallet(2), null));
        await drop.Pause();
        return id;
    }

    private async Task<DropSummary> Summary(string path)
    {
        var response = await Http.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Read<DropSummary>();
    }
}
