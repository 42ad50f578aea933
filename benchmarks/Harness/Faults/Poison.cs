using System.Diagnostics;
using System.Text;

namespace MicroEvents.Benchmarks.Faults;

/// <summary>One poison request and what it got: it must be a 400 of an expected problem type and change nothing.</summary>
public sealed record PoisonResult(string Name, IReadOnlyList<string> Expected, int Status, string? Code, double Milliseconds)
{
    public bool Refused => Status == 400 && Expected.Contains(Code);
}

/// <summary>
/// Requests carrying text PostgreSQL cannot store (NUL), or that no client should send (lone surrogates,
/// control characters), in every place a client string enters: claim ids, headers, manifests. Once such a
/// value wedged a drop for good; now each must be refused up front. Their ids all start with
/// <see cref="Prefix"/>, so the audit can prove none reached a stream.
/// </summary>
public static class Poison
{
    public const string Prefix = "poison";
    private static readonly string[] Invalid = ["validation-failed"];

    // System.Text.Json refuses a lone surrogate escape while reading, before any rule runs: a 400 either way.
    private static readonly string[] InvalidOrUnreadable = ["validation-failed", "malformed-request"];

    public static async Task<IReadOnlyList<PoisonResult>> Send(HttpClient http, string dropId, string runTag, CancellationToken ct)
    {
        // A wallet of its own per request, so one poison that got through cannot make the next one a wallet-limit rejection.
        var n = 0;
        string Wallet() => $"0x{0xdead00 + n++:x40}";

        // JSON escapes (\u0000, \ud800) so the request itself is well-formed JSON that decodes to the poison.
        var cases = new (string Name, string[] Expected, string Path, string Body, string? Header, string? HeaderValue)[]
        {
            ("claim id with NUL", Invalid, $"drops/{dropId}/claims", $$"""{"claimId":"{{Prefix}}-nul\u0000x","wallet":"{{Wallet()}}"}""", null, null),
            ("claim id with a lone surrogate", InvalidOrUnreadable, $"drops/{dropId}/claims", $$"""{"claimId":"{{Prefix}}-surrogate\ud800x","wallet":"{{Wallet()}}"}""", null, null),
            ("claim id with a control character (U+0007)", Invalid, $"drops/{dropId}/claims", $$"""{"claimId":"{{Prefix}}-bell\u0007x","wallet":"{{Wallet()}}"}""", null, null),
            ("Idempotency-Key with a control character (tab)", Invalid, $"drops/{dropId}/claims", $$"""{"wallet":"{{Wallet()}}"}""", "Idempotency-Key", $"{Prefix}-key\tx"),
            ("X-Request-Id with a control character (tab)", Invalid, $"drops/{dropId}/claims", $$"""{"claimId":"{{Prefix}}-request-id","wallet":"{{Wallet()}}"}""", "X-Request-Id", "req\tx"),
            ("drop title with NUL", Invalid, "drops", Manifest($"{Prefix}-title-{runTag}", title: @"Poison\u0000title", tier: "vip"), null, null),
            ("tier name with a lone surrogate", InvalidOrUnreadable, "drops", Manifest($"{Prefix}-tier-{runTag}", title: "Poison tier", tier: @"vip\udc00"), null, null),
        };

        var results = new List<PoisonResult>();
        foreach (var (name, expected, path, body, header, value) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (header is not null) request.Headers.TryAddWithoutValidation(header, value);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await http.SendAsync(request, timeout.Token);
                var code = Phones.ProblemCode(await response.Content.ReadAsStringAsync(timeout.Token));
                results.Add(new PoisonResult(name, expected, (int)response.StatusCode, code, Math.Round(clock.Elapsed.TotalMilliseconds, 1)));
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                results.Add(new PoisonResult(name, expected, 0, $"{e.GetType().Name}: {e.Message}", Math.Round(clock.Elapsed.TotalMilliseconds, 1)));
            }
        }
        return results;
    }

    private static string Manifest(string id, string title, string tier) => $$"""
        {"id":"{{id}}","title":"{{title}}","creator":"0xc0ffee0000000000000000000000000000000000","supply":10,
         "tiers":[{"name":"{{tier}}","allocation":1}],
         "assets":[{"uri":"https://assets.invalid/poison.png","sha256":"5f2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809","mediaType":"image/png"}]}
        """;
}
