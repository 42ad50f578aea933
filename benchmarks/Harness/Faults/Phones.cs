using System.Net;
using System.Text;
using System.Text.Json;

namespace MicroEvents.Benchmarks.Faults;

/// <summary>
/// Attendees' phones: each claims one token at a time with its own claim id (sent as the
/// <c>Idempotency-Key</c>) and its own wallet, and, like a real claim page, retries the same claim id
/// after a 503 (waiting Retry-After) or a dead connection, until it gets a final answer or gives up.
/// Every request and every final outcome goes to the <see cref="AnswerLog"/>.
/// </summary>
public sealed class Phones(FaultPlan plan, HttpClient http, IReadOnlyList<string> dropIds, AnswerLog log)
{
    private long _next = -1;
    private volatile bool _stopping;

    public static string ClaimId(long index) => $"phone-{index}";

    public static string Wallet(long index) => "0x" + index.ToString("x40");

    /// <summary>Claims until <see cref="StopNewClaims"/>; completes when every claim in hand has its final answer.</summary>
    public Task Run(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, plan.Phones).Select(_ => Task.Run(() => Phone(ct), CancellationToken.None)));

    public void StopNewClaims() => _stopping = true;

    private async Task Phone(CancellationToken ct)
    {
        while (!_stopping && !ct.IsCancellationRequested)
        {
            var index = Interlocked.Increment(ref _next);
            log.Add(await Claim(index, (int)(index % dropIds.Count), ct));
        }
    }

    private async Task<ClaimOutcome> Claim(long index, int drop, CancellationToken ct)
    {
        var claimId = ClaimId(index);
        var body = $$"""{"wallet":"{{Wallet(index)}}"}""";
        var firstSent = log.Now;
        var attempts = 0;
        while (attempts < plan.MaxAttempts && log.Now - firstSent < plan.ClaimDeadline.TotalSeconds)
        {
            attempts++;
            var answer = await Send(index, drop, claimId, body, ct);
            switch (answer.Kind)
            {
                case AnswerKind.Acknowledged:
                    return new ClaimOutcome(index, drop, claimId, ClaimFate.Acknowledged, answer.Token, null, attempts, firstSent, log.Now);
                case AnswerKind.Rejected:
                    return new ClaimOutcome(index, drop, claimId, ClaimFate.Rejected, 0, answer.Code, attempts, firstSent, log.Now);
                case AnswerKind.Unavailable:
                    await Task.Delay((answer.RetryAfter ?? plan.ConnectionRetryDelay) + Jitter(), ct);
                    break;
                default:
                    await Task.Delay(plan.ConnectionRetryDelay + Jitter(), ct);
                    break;
            }
        }
        return new ClaimOutcome(index, drop, claimId, ClaimFate.Abandoned, 0, null, attempts, firstSent, log.Now);
    }

    private async Task<(AnswerKind Kind, long Token, string? Code, TimeSpan? RetryAfter)> Send(long index, int drop, string claimId, string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"drops/{dropIds[drop]}/claims")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", claimId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(plan.RequestTimeout);

        var sent = log.Now;
        (AnswerKind Kind, long Token, string? Code, TimeSpan? RetryAfter, int Status) result;
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            result = status switch
            {
                200 or 201 => (AnswerKind.Acknowledged, Read(text, "tokenNumber")?.GetInt64() ?? 0, null, null, status),
                503 => (AnswerKind.Unavailable, 0, ProblemCode(text), response.Headers.RetryAfter?.Delta, status),
                >= 400 and < 500 => (AnswerKind.Rejected, 0, ProblemCode(text) ?? $"http-{status}", null, status),
                _ => (AnswerKind.ServerError, 0, ProblemCode(text) ?? $"http-{status}", null, status),
            };
        }
        catch (HttpRequestException e)
        {
            result = (AnswerKind.ConnectionError, 0, e.HttpRequestError.ToString(), null, 0);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            result = (AnswerKind.Timeout, 0, null, null, 0);
        }

        log.Add(new Answer(index, drop, sent, log.Now, result.Kind, result.Status, result.Code, result.RetryAfter is not null));
        return (result.Kind, result.Token, result.Code, result.RetryAfter);
    }

    private static TimeSpan Jitter() => TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));

    private static JsonElement? Read(string json, string property)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty(property, out var value) ? value.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The last segment of a problem+json <c>type</c>, e.g. <c>sold-out</c>.</summary>
    public static string? ProblemCode(string json) =>
        Read(json, "type") is { ValueKind: JsonValueKind.String } type ? type.GetString()!.Split('/')[^1] : null;

    /// <summary>One pooled connection per phone; no client-wide timeout (each request has its own).</summary>
    public static HttpClient Client(Uri baseAddress, int phones) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = phones,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
