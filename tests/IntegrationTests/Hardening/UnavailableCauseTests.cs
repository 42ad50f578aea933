using System.Net;
using MicroEvents.Access;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// With PostgreSQL stopped, a 503 tells its reader what it can do: a claim is told to retry with the same claim id
/// (its outcome is unknown); an operator whose key is not cached yet, or a read that needs storage, is told that the
/// store is unavailable and to come back after Retry-After, never to retry "with the same claim id".
/// </summary>
// Slow by the suite's rule: it starts a PostgreSQL of its own (about 30 s of a test thread under load, for 3 s of test).
[Trait(Category.Name, Category.Slow)]
public class UnavailableCauseTests(OutageServer server) : IClassFixture<OutageServer>, IDisposable
{
    private readonly string _document = Path.GetTempFileName();

    public void Dispose() => File.Delete(_document);

    [Fact]
    public async Task a_503_names_the_store_for_an_operator_and_keeps_the_claim_advice_for_a_claim()
    {
        var drop = Samples.NewId("cause");
        (await server.Http.PostJson("/drops", Samples.Drop(drop, supply: 100))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        (await server.Http.GetAsync($"/drops/{drop}/events")).EnsureSuccessStatusCode();
        // Made before the outage, used only during it: the gateway has never checked it, so it is not cached.
        var newOperator = server.NewClient(await server.NewKey(AccessRole.Operator, "outage operator"));
        await File.WriteAllTextAsync(_document, await server.Anonymous.GetStringAsync("/openapi/v1.json"));

        await server.Database.StopServerAsync();
        try
        {
            var reads = new[]
            {
                (Client: newOperator, Path: $"/drops/{drop}"),
                (Client: newOperator, Path: "/projections"),
                (Client: server.Http, Path: $"/drops/{drop}/events"),
                (Client: server.Http, Path: $"/drops/{Samples.NewId("never")}"),
            };
            foreach (var (client, path) in reads)
            {
                var answer = await client.GetAsync(path);
                answer.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, path);
                answer.Headers.RetryAfter.Should().NotBeNull($"{path}: every 503 says when to come back");
                var problem = await answer.Problem();
                problem.GetProperty("type").GetString().Should().Be("/problems/unavailable");
                problem.GetProperty("detail").GetString().Should().NotContain("claim id", $"{path} is not a claim")
                    .And.ContainEquivalentOf("unavailable", $"{path}: the detail names what is missing");
            }

            // Every read an operator has, through a key checked before the outage, on a silo wired with every feature as
            // production wires it: each answers, or is a 503 that says the store is unavailable and when to come back;
            // never a 500 and never a claim's advice.
            var doc = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(_document)).RootElement;
            var wrong = new List<string>();
            var unavailable = 0;
            foreach (var path in doc.GetProperty("paths").EnumerateObject().Where(p => p.Value.TryGetProperty("get", out _) && !p.Name.Contains("/live")))
            {
                var url = System.Text.RegularExpressions.Regex.Replace(path.Name, "{([^}]+)}", m => m.Groups[1].Value == "id" && path.Name.StartsWith("/drops", StringComparison.Ordinal) ? drop : "x");
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                using var answer = await server.Http.GetAsync(url, timeout.Token);
                var text = await answer.Content.ReadAsStringAsync(timeout.Token);
                if (Cause(answer, text) is { } fault) wrong.Add($"GET {url}: {(int)answer.StatusCode} {fault}: {text[..Math.Min(300, text.Length)]}");
                if (answer.StatusCode == HttpStatusCode.ServiceUnavailable) unavailable++;
            }
            wrong.Should().BeEmpty("storage being down is a 503 naming the store, and a read is not a claim");
            unavailable.Should().BeGreaterThan(10, "the walk reached the routes that need storage");

            var claim = await server.Anonymous.PostJson($"/drops/{drop}/claims", new { claimId = "during-outage", wallet = Samples.Wallet(1) });
            claim.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            claim.Headers.RetryAfter.Should().NotBeNull();
            (await claim.Problem()).GetProperty("detail").GetString().Should().Contain("with the same", "a claim's outcome is unknown: retry it with its id");
        }
        finally
        {
            await server.Database.StartServerAgainAsync();
        }
    }

    /// <summary>What is wrong with one answer during the outage, or null: a 5xx other than 503, or a 503 without its cause.</summary>
    private static string? Cause(HttpResponseMessage answer, string text)
    {
        if (answer.StatusCode != HttpStatusCode.ServiceUnavailable)
            return (int)answer.StatusCode >= 500 ? "a server error" : text.Contains("claim id", StringComparison.Ordinal) ? "a claim's advice" : null;
        if (answer.Content.Headers.ContentType?.MediaType != "application/problem+json") return "not problem+json";
        if (answer.Headers.RetryAfter is null) return "no Retry-After";
        var problem = System.Text.Json.JsonDocument.Parse(text).RootElement;
        if (problem.GetProperty("type").GetString() != "/problems/unavailable") return "not /problems/unavailable";
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
        if (detail.Contains("claim id", StringComparison.Ordinal)) return "a claim's advice";
        return detail.Contains("unavailable", StringComparison.OrdinalIgnoreCase) ? null : "a detail that does not name what is unavailable";
    }
}
