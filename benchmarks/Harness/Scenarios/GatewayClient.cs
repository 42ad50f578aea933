using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MicroEvents.Benchmarks.Load;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// A client app's view of the HTTP gateway: one pooled HttpClient over loopback with a connection per
/// concurrent caller, JSON in and out, rejections read from problem+json's <c>type</c>.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly System.Net.Http.Headers.AuthenticationHeaderValue _operator;
    private long _unavailable;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, int> _unavailableAt = new();

    /// <summary>Claims answered 503 (e.g. "could not store within 4 s"): with no fault injected there must be none (issue #30).</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    /// <summary>When the 503s came (UTC seconds, with counts), to line them up with the silo's and PostgreSQL's logs; empty when none.</summary>
    public string UnavailableWhen => string.Join(", ", _unavailableAt.OrderBy(p => p.Key)
        .Select(p => $"{DateTimeOffset.FromUnixTimeSeconds(p.Key):HH:mm:ss} ×{p.Value}"));

    /// <param name="apiKey">An operator key: creating and opening drops needs one (claims do not).</param>
    public GatewayClient(Uri baseAddress, int connections, string apiKey)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(connections, 1),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _operator = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
    }

    public async Task CreateOpen(string id, long supply, CancellationToken ct)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "drops") { Content = JsonContent.Create(BenchDrops.Manifest(id, supply), options: Json) };
        create.Headers.Authorization = _operator;
        using var created = await _http.SendAsync(create, ct);
        await Expect(created, HttpStatusCode.Created);
        using var open = new HttpRequestMessage(HttpMethod.Post, $"drops/{id}/open");
        open.Headers.Authorization = _operator;
        using var opened = await _http.SendAsync(open, ct);
        await Expect(opened, HttpStatusCode.OK);
    }

    public async Task<long> Minted(string id, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"drops/{id}", ct);
        await Expect(response, HttpStatusCode.OK);
        var summary = await response.Content.ReadFromJsonAsync<SummaryView>(Json, ct);
        return summary!.Minted;
    }

    public async Task<ClaimAttempt> Claim(string id, long index, CancellationToken ct)
    {
        // The same HTTP a client app sends (StringContent's UTF-8 JSON: "application/json; charset=utf-8"), built without
        // a string per claim or a relative address resolved per request: the load client shares the measured process.
        using var content = new ByteArrayContent(ClaimBody(index));
        content.Headers.TryAddWithoutValidation("Content-Type", JsonUtf8);
        using var response = await _http.PostAsync(ClaimsUri(id), content, ct);
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Created)
            return ClaimAttempt.Accepted(TokenNumber(await response.Content.ReadAsByteArrayAsync(ct)));

        if (status is >= 400 and < 500)
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemView>(Json, ct);
            return ClaimAttempt.Rejected(problem?.Type?.Split('/')[^1] ?? $"http-{status}");
        }

        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Interlocked.Increment(ref _unavailable);
            _unavailableAt.AddOrUpdate(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1, (_, n) => n + 1);
        }
        return ClaimAttempt.Failed($"HTTP {status}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    private const string JsonUtf8 = "application/json; charset=utf-8";

    /// <summary><c>{"claimId":"c{index}","wallet":"0x{index:x40}"}</c> as UTF-8, the body <see cref="BenchDrops"/> names.</summary>
    private static byte[] ClaimBody(long index)
    {
        Span<byte> buffer = stackalloc byte[128];
        if (!System.Text.Unicode.Utf8.TryWrite(buffer, $"{{\"claimId\":\"c{index}\",\"wallet\":\"0x{index:x40}\"}}", out var written))
            throw new InvalidOperationException($"claim body {index} did not fit");
        return buffer[..written].ToArray();
    }

    private sealed record ClaimsAddress(string Id, Uri Uri);

    private ClaimsAddress? _claims;

    /// <summary>The drop's claims address, resolved once per drop rather than once per request.</summary>
    private Uri ClaimsUri(string id)
    {
        if (_claims is { } known && known.Id == id) return known.Uri;
        var address = new ClaimsAddress(id, new Uri(_http.BaseAddress!, $"drops/{id}/claims"));
        _claims = address;
        return address.Uri;
    }

    /// <summary>The receipt's <c>tokenNumber</c>, read straight from its bytes.</summary>
    private static long TokenNumber(byte[] receipt)
    {
        var reader = new Utf8JsonReader(receipt);
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("tokenNumber"u8) && reader.Read())
                return reader.GetInt64();
        throw new InvalidOperationException($"a receipt without a tokenNumber: {Encoding.UTF8.GetString(receipt)}");
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => _http.Dispose();

    private sealed record SummaryView(long Minted);

    private sealed record ProblemView(string? Type);
}
