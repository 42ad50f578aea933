using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.Fulfilment;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Fuzz;

/// <summary>Limits high enough that generated traffic reaches the endpoints, but the limit code still runs.</summary>
public sealed class FuzzGateway : ClaimServer
{
    protected override void Configure(IConfiguration config)
    {
        config["Gateway:Limits:Enabled"] = "true";
        config["Gateway:Limits:ClaimsPerIpPerMinute"] = "1000000";
        config["Gateway:Limits:ClaimsPerWalletPerMinute"] = "1000000";
        config["Gateway:Limits:WalletsPerIpPerWindow"] = "1000000";
        config["Gateway:Limits:SignInPerIpPerMinute"] = "1000000";
    }
}

/// <summary>
/// The fuzz suite: FUZZ_REQUESTS (default 10,000) requests generated from the OpenAPI document, every
/// operation in turn, one at a time. Every answer is under 5 s and not 5xx, and a request that was not
/// answered 2xx changed no stream. FUZZ_SEED replays a run. Trait Category=Fuzz selects it alone.
/// </summary>
[Trait("Category", "Fuzz")]
[Trait(Category.Name, Category.Slow)]
public class FuzzTests(FuzzGateway server, ITestOutputHelper output) : IClassFixture<FuzzGateway>
{
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task generated_requests_to_every_route_get_no_5xx_no_hang_and_rejected_ones_change_nothing()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) ? n : 10_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : Environment.TickCount;
        var targets = await Targets();
        var doc = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var generator = new RequestGenerator(doc, new Random(seed), targets);
        var streams = new StreamVersions(await TestPostgres.ConnectionString, server.Schema);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = AnswerLimit + TimeSpan.FromSeconds(1) };

        var byStatus = new SortedDictionary<int, int>();
        var byOperation = new Dictionary<string, int>();
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        var resends = 0;
        var clock = Stopwatch.StartNew();
        var versions = await streams.Read();
        // FUZZ_TRACE=file writes every request and answer (shortened), to see what a seed does.
        await using var trace = Environment.GetEnvironmentVariable("FUZZ_TRACE") is { Length: > 0 } tracePath ? new StreamWriter(tracePath) : null;
        for (var i = 0; i < count && failures.Count < 20; i++)
        {
            var operation = generator.Operations[i % generator.Operations.Count];
            using var request = generator.Next(operation);
            var described = $"#{i} {request.Method} {request.RequestUri}";
            var sent = request.Content is null ? "" : await request.Content.ReadAsStringAsync();
            var started = Stopwatch.GetTimestamp();
            int status;
            try
            {
                (status, var answer, var resent) = await Send(http, request);
                if (resent) resends++;
                trace?.WriteLine($"{described} {Shorten(sent)} -> {status} {Shorten(answer)}");
            }
            catch (TaskCanceledException)
            {
                failures.Add($"{described}: no answer within {AnswerLimit.TotalSeconds} s");
                continue;
            }
            catch (HttpRequestException e)
            {
                // Header names only: the report must not carry the credentials it sent.
                failures.Add($"{described} {Shorten(sent)} [{string.Join(", ", request.Headers.Select(h => h.Key))}]: no answer, {e.Message} {e.InnerException?.Message}");
                continue;
            }
            var took = Stopwatch.GetElapsedTime(started);
            slowest = took > slowest ? took : slowest;
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            byOperation[$"{operation.Method} {operation.Path}"] = byOperation.GetValueOrDefault($"{operation.Method} {operation.Path}") + 1;
            if (status >= 500) failures.Add($"{described}: {status}");
            if (took >= AnswerLimit) failures.Add($"{described}: answered after {took.TotalSeconds:F1} s");

            var after = await streams.Read();
            // Bot-throttle records are the one write a refusal makes, by design (for analysts); receipt roots are
            // not counted (see StreamVersions). Fulfilment orders (and their stock holds, shortcodes, merch tallies)
            // follow accepted mints of merch drops in the background, whatever request happens to be in flight.
            var changed = StreamVersions.Changes(versions, after, key => key.StartsWith("throttle/", StringComparison.Ordinal)
                || key.StartsWith("order/", StringComparison.Ordinal) || key.StartsWith("sku/", StringComparison.Ordinal)
                || key.StartsWith("shortcode/", StringComparison.Ordinal) || key.StartsWith("merch/", StringComparison.Ordinal)).ToList();
            if (status is < 200 or >= 300 && changed.Count > 0) failures.Add($"{described}: answered {status} but changed {string.Join(", ", changed)}");
            versions = after;
        }

        var report = $"fuzz seed {seed}: {byStatus.Values.Sum()} requests in {clock.Elapsed.TotalSeconds:F1} s, slowest {slowest.TotalMilliseconds:F0} ms, {resends} resent on a fresh connection; " +
            $"by status: {string.Join(", ", byStatus.Select(kv => $"{kv.Key}×{kv.Value}"))}; " +
            $"operations: {byOperation.Count} ({string.Join(", ", byOperation.Select(kv => $"{kv.Key}×{kv.Value}"))})";
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fuzz-report.txt"), report + "\n" + string.Join("\n", failures));

        failures.Should().BeEmpty($"seed {seed} replays this run");
        byOperation.Keys.Should().HaveCount(generator.Operations.Count, "every operation was exercised");
        byStatus.Values.Sum().Should().Be(count);
    }

    /// <summary>
    /// Sends the request. The server may answer a request before reading its body (401/403/413) and then
    /// close the connection: the client then fails writing the body or reusing the connection. It is sent
    /// once more on a fresh connection with <c>Expect: 100-continue</c>, so the answer arrives before the
    /// body is sent, as a careful client would. A second failure is a real one.
    /// </summary>
    private static async Task<(int Status, string Answer, bool Resent)> Send(HttpClient http, HttpRequestMessage request)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync();
        try
        {
            var (status, answer) = await SendOnce(http, request);
            return (status, answer, false);
        }
        catch (HttpRequestException)
        {
            using var again = new HttpRequestMessage(request.Method, request.RequestUri);
            foreach (var header in request.Headers) again.Headers.TryAddWithoutValidation(header.Key, header.Value);
            if (body is not null)
            {
                again.Content = new ByteArrayContent(body);
                foreach (var header in request.Content!.Headers) again.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            again.Headers.ConnectionClose = true;
            again.Headers.ExpectContinue = body is not null;
            var (status, answer) = await SendOnce(http, again);
            return (status, answer, true);
        }
    }

    private static async Task<(int Status, string Answer)> SendOnce(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream") return ((int)response.StatusCode, await FirstEvent(response));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A live stream never ends on its own: its answer is its first event (or what came before the server ended it).</summary>
    private static async Task<string> FirstEvent(HttpResponseMessage response)
    {
        using var deadline = new CancellationTokenSource(AnswerLimit);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        var text = new System.Text.StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line.Length == 0 && text.ToString().Contains("data:", StringComparison.Ordinal)) break;
                text.AppendLine(line);
            }
        }
        catch (OperationCanceledException e)
        {
            throw new TaskCanceledException("no live event in time", e);
        }
        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>A drop in each phase (and one kept open), owned by a signed-in creator, with a claim each, plus credentials of every kind.</summary>
    private async Task<FuzzTargets> Targets()
    {
        var creator = new CreatorWallet(server);
        var token = await creator.SignIn();
        var analystKey = await server.NewKey(AccessRole.Analyst, "fuzz");
        var operatorKey = await server.NewKey(AccessRole.Operator, "fuzz");
        var ids = new List<string>();
        foreach (var phase in new[] { "draft", "open", "paused", "closed", "claims" })
        {
            var id = Samples.NewId($"fz{phase}");
            (await server.Http.PostJson("/drops", Samples.Drop(id, supply: 1_000_000, tiers: [new("VIP", 10)]) with { Creator = creator.Address })).EnsureSuccessStatusCode();
            if (phase != "draft") (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
            if (phase != "draft") (await server.Http.PostJson($"/drops/{id}/claims", new { claimId = "known", wallet = Samples.Wallet(1) })).EnsureSuccessStatusCode();
            if (phase is "paused" or "closed") (await server.Http.PostAsync($"/drops/{id}/{(phase == "paused" ? "pause" : "close")}", null)).EnsureSuccessStatusCode();
            ids.Add(id);
        }
        // The last drop only gets well-formed claims (lifecycle junk with good credentials would close it).
        return new FuzzTargets(ids[^1], [.. ids[..^1], "no-such-drop"], ["known", "unknown"], operatorKey, analystKey, token, server.BaseAddress.Authority,
            [creator.Address, Samples.Creator, Samples.Wallet(2), .. ids, "known", "VIP", "image/png", new string('a', 64)]);
    }
}
