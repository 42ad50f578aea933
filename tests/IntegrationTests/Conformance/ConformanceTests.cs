using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Conformance;

/// <summary>
/// Reads the served OpenAPI document and, for every operation, sends generated valid and invalid requests
/// (anonymous and with each role), then checks every answer against the document: the status is one the
/// operation declares, every error is application/problem+json with a documented problem type, and no 5xx
/// other than a 503 with Retry-After.
/// </summary>
[Collection(SharedClaimServer.Name)]
public class ConformanceTests(ClaimServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task every_operation_answers_as_the_document_says()
    {
        var doc = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var documentedTypes = DocumentedProblemTypes(doc);
        var drop = Samples.NewId("conf");
        (await server.Http.PostJson("/drops", Samples.Drop(drop))).EnsureSuccessStatusCode();
        await server.Http.PostAsync($"/drops/{drop}/open", null);
        (await server.Http.PostJson($"/drops/{drop}/claims", new { claimId = "c1", wallet = Samples.Wallet(1) })).EnsureSuccessStatusCode();

        var callers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = server.Anonymous,
            ["operator"] = server.Http,
            ["analyst"] = server.NewClient(await server.NewKey(AccessRole.Analyst, "conformance")),
            ["creator"] = server.NewClient(await server.NewKey(AccessRole.Creator, "conformance")),
        };
        var violations = new List<string>();
        int sent = 0, fiveXx = 0, nonProblem = 0, operations = 0;

        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        foreach (var op in path.Value.EnumerateObject())
        {
            if (op.Name is "parameters" or "summary" or "description") continue;
            operations++;
            var declared = op.Value.TryGetProperty("responses", out var r) ? r.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
            var queryNames = Parameters(op.Value, "query").ToList();
            foreach (var request in Requests(path.Name, op.Name.ToUpperInvariant(), op.Value, drop, queryNames))
            foreach (var (role, client) in callers)
            {
                var (status, contentType, body, retryAfter) = await Send(client, request);
                sent++;
                var what = $"{request.Method} {request.Path} [{request.Variant}, {role}] -> {status}";
                if (status == 0) { violations.Add($"{what}: no answer"); continue; }
                if (status >= 500 && !(status == 503 && retryAfter)) { fiveXx++; violations.Add($"{what}: 5xx {body[..Math.Min(200, body.Length)]}"); }
                if (!declared.Contains(status.ToString()) && !declared.Contains("default"))
                    violations.Add($"{what}: status not declared (declared: {string.Join(",", declared)})");
                if (status >= 400)
                {
                    string? type = null;
                    try { type = JsonDocument.Parse(body).RootElement.GetProperty("type").GetString(); } catch (Exception) { }
                    if (contentType != "application/problem+json" || type is null)
                    {
                        nonProblem++;
                        violations.Add($"{what}: not problem+json ({contentType}) '{body[..Math.Min(120, body.Length)]}'");
                    }
                    else if (!documentedTypes.Contains(type)) violations.Add($"{what}: problem type {type} is not documented");
                }
                else if (contentType == "application/json" && body.Length > 0)
                {
                    try { JsonDocument.Parse(body); } catch (JsonException) { violations.Add($"{what}: body is not JSON"); }
                }
            }
        }

        output.WriteLine($"operations {operations}, requests {sent}, 5xx {fiveXx}, non-problem errors {nonProblem}, violations {violations.Count}");
        foreach (var v in violations.Distinct().Take(200)) output.WriteLine(v);
        foreach (var line in server.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).Take(5)) output.WriteLine(line[..Math.Min(1500, line.Length)]);
        operations.Should().BeGreaterThan(50);
        violations.Distinct().Should().BeEmpty();
    }

    private sealed record Generated(string Method, string Path, string Variant, string? Body, string? ContentType = "application/json");

    private static IEnumerable<Generated> Requests(string template, string method, JsonElement op, string drop, IReadOnlyList<string> query)
    {
        var valid = Fill(template, name => name switch
        {
            "id" or "dropId" when template.StartsWith("/drops", StringComparison.Ordinal) => drop,
            "claimId" => "c1",
            _ => "x",
        });
        var hasBody = op.TryGetProperty("requestBody", out _);
        yield return new(method, valid, "plain", hasBody ? "{}" : null);
        yield return new(method, valid + "?zz-unknown=1", "unknown-query", hasBody ? "{}" : null);
        foreach (var q in query) yield return new(method, $"{valid}?{q}=not%20a%20value", $"bad-{q}", hasBody ? "{}" : null);
        if (template.Contains('{')) yield return new(method, Fill(template, _ => "no-such%20thing"), "unknown-ids", hasBody ? "{}" : null);
        if (hasBody)
        {
            yield return new(method, valid, "junk-body", "{not json");
            yield return new(method, valid, "wrong-type", "[1,2,3]");
            yield return new(method, valid, "text-body", "hello", "text/plain");
        }
    }

    private static string Fill(string template, Func<string, string> value)
    {
        var result = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{') { result.Append(template[i]); continue; }
            var end = template.IndexOf('}', i);
            result.Append(value(template[(i + 1)..end]));
            i = end;
        }
        return result.ToString();
    }

    private static IEnumerable<string> Parameters(JsonElement op, string location) =>
        op.TryGetProperty("parameters", out var ps)
            ? ps.EnumerateArray().Where(p => p.TryGetProperty("in", out var i) && i.GetString() == location).Select(p => p.GetProperty("name").GetString()!)
            : [];

    private static async Task<(int Status, string? ContentType, string Body, bool RetryAfter)> Send(HttpClient client, Generated request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        // Like a browser's EventSource or a curl user: the errors must not depend on it.
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        if (request.Body is not null) message.Content = new StringContent(request.Body, Encoding.UTF8, request.ContentType!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var contentType = response.Content.Headers.ContentType?.MediaType;
            // A live stream stays open: its head is the answer.
            var body = contentType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync(timeout.Token);
            return ((int)response.StatusCode, contentType, body, response.Headers.RetryAfter is not null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return (0, null, e.Message, false);
        }
    }

    /// <summary>The problem types the document names (in its description and its responses).</summary>
    private static HashSet<string> DocumentedProblemTypes(JsonElement doc)
    {
        var text = doc.GetRawText();
        var types = new HashSet<string>();
        var at = 0;
        while ((at = text.IndexOf("/problems/", at, StringComparison.Ordinal)) >= 0)
        {
            var end = at + "/problems/".Length;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '-')) end++;
            types.Add(text[at..end]);
            at = end;
        }
        return types;
    }
}
