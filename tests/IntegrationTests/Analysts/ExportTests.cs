using System.Net;
using System.Text.Json;
using MicroEvents.Events;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Silo.Analysts;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>What an analyst gets from <c>GET /events</c> and the <c>export</c> verb, on a real cluster and gateway.</summary>
[Collection(SharedGateway.Name)]
public class ExportTests(GatewayServer server)
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task every_event_of_a_drop_is_one_ndjson_line_in_sequence_order()
    {
        var id = await DropWithClaims(3);
        var response = await Http.GetAsync($"/events?stream=drop/{id}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-ndjson");
        var lines = await Lines(response);

        lines.Select(l => l.GetProperty("alias").GetString()).Should().Equal(
            "drop.created.v1", "drop.opened.v1", "drop.token_minted.v1", "drop.token_minted.v1", "drop.token_minted.v1");
        lines.Select(l => l.GetProperty("version").GetInt64()).Should().Equal(1, 2, 3, 4, 5);
        lines.Select(l => l.GetProperty("sequence").GetInt64()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        lines.Should().AllSatisfy(l =>
        {
            l.GetProperty("stream").GetString().Should().Be($"drop/{id}");
            l.GetProperty("kind").GetString().Should().Be("drop");
            l.GetProperty("timestamp").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        });
        lines.Skip(2).Select(l => l.GetProperty("correlationId").GetString())
            .Should().Equal(lines.Skip(2).Select(l => l.GetProperty("data").GetProperty("claimId").GetString()), "a mint carries its claim id");
        lines.Skip(2).Select(l => l.GetProperty("data").GetProperty("tokenNumber").GetInt64()).Should().Equal(1, 2, 3);
        lines[0].GetProperty("data").GetProperty("dropId").GetString().Should().Be(id);
    }

    [Fact]
    public async Task an_export_spanning_many_pages_resumes_after_any_sequence_without_gap_or_overlap()
    {
        var id = await DropWithClaims(4_500); // more than two pages of the gateway
        var all = await Lines(await Http.GetAsync($"/events?stream=drop/{id}"));
        all.Should().HaveCount(4_502);
        all.Select(l => l.GetProperty("version").GetInt64()).Should().Equal(Enumerable.Range(1, 4_502).Select(v => (long)v));

        var first = await Lines(await Http.GetAsync($"/events?stream=drop/{id}&limit=2100"));
        var last = first[^1].GetProperty("sequence").GetInt64();
        var rest = await Lines(await Http.GetAsync($"/events?stream=drop/{id}&after={last}"));
        first.Concat(rest).Select(l => l.GetRawText()).Should().Equal(all.Select(l => l.GetRawText()));
    }

    [Fact]
    public async Task filters_by_kind_alias_sequence_range_and_time()
    {
        var a = await DropWithClaims(2);
        var b = await DropWithClaims(2);
        var both = (await Lines(await Http.GetAsync("/events?kind=drop")))
            .Where(l => l.GetProperty("stream").GetString() is var s && (s == $"drop/{a}" || s == $"drop/{b}")).ToList();
        both.Should().HaveCount(8);

        var mints = await Lines(await Http.GetAsync("/events?alias=drop.token_minted.v1"));
        mints.Should().OnlyContain(l => l.GetProperty("alias").GetString() == "drop.token_minted.v1")
            .And.Contain(l => l.GetProperty("stream").GetString() == $"drop/{b}");

        var from = both[2].GetProperty("sequence").GetInt64();
        var through = both[5].GetProperty("sequence").GetInt64();
        var range = await Lines(await Http.GetAsync($"/events?after={from - 1}&through={through}"));
        range.Select(l => l.GetProperty("sequence").GetInt64()).Should().Equal(both.Skip(2).Take(4).Select(l => l.GetProperty("sequence").GetInt64()));

        (await Lines(await Http.GetAsync("/events?kind=venue"))).Should().BeEmpty("no stream of that kind exists");
        var future = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        (await Lines(await Http.GetAsync($"/events?from={Uri.EscapeDataString(future)}"))).Should().BeEmpty();
        var past = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        (await Lines(await Http.GetAsync($"/events?stream=drop/{a}&from={Uri.EscapeDataString(past)}&to={Uri.EscapeDataString(future)}"))).Should().HaveCount(4);
    }

    [Theory]
    [InlineData("kind=Drop%2F", "kind")]
    [InlineData("stream=drop%2Fa%00b", "stream")]
    [InlineData("alias=%01", "alias")]
    [InlineData("from=yesterday", "from")]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    public async Task a_bad_filter_is_a_400_naming_the_field(string query, string field)
    {
        var response = await Http.GetAsync($"/events?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Problem();
        problem.GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task the_export_verb_writes_the_same_lines_as_the_http_export_plus_a_hash_each_and_a_trailer()
    {
        var id = await DropWithClaims(5);
        var http = (await Http.GetStringAsync($"/events?stream=drop/{id}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.ndjson");
        try
        {
            var result = await ExportCommand.Write(new EventLog(server.Store), new EventFilter { Stream = $"drop/{id}" }, null, file, default);
            result.Events.Should().Be(7);
            var lines = await File.ReadAllLinesAsync(file);
            lines.Should().HaveCount(8);
            // Each line is the analysts' line with one field added at its end; the same fields, in the same order, before it.
            lines[..7].Select(l => System.Text.RegularExpressions.Regex.Replace(l, ",\"hash\":\"[0-9a-f]{64}\"}$", "}")).Should().Equal(http);
            var trailer = JsonDocument.Parse(lines[7]).RootElement;
            trailer.GetProperty("trailer").GetString().Should().Be("microevents.export.v1");
            trailer.GetProperty("events").GetInt64().Should().Be(7);
            trailer.GetProperty("lastSequence").GetInt64().Should().Be(result.LastSequence);
            trailer.GetProperty("digest").GetString().Should().Be(JsonDocument.Parse(lines[6]).RootElement.GetProperty("hash").GetString());
            trailer.TryGetProperty("stream", out _).Should().BeFalse("tools reading events by their stream skip the trailer");
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task the_export_is_in_the_openapi_document()
    {
        var doc = await Http.GetStringAsync("/openapi/v1.json");
        JsonDocument.Parse(doc).RootElement.GetProperty("paths").GetProperty("/events").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/x-ndjson", out _).Should().BeTrue();
    }

    private async Task<string> DropWithClaims(int claims)
    {
        var id = Samples.NewId("export");
        var drop = await server.Client.OpenDrop(Samples.Drop(id, supply: claims));
        await Task.WhenAll(Enumerable.Range(1, claims).Select(i => drop.Claim(new MicroEvents.Drops.ClaimToken($"c-{i}", Samples.Wallet(i), null))));
        return id;
    }

    private static async Task<List<JsonElement>> Lines(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Match(t => t.Length == 0 || t.EndsWith('\n'), "every line ends with a newline");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }
}
