using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>One HTTP claim attempt as a client saw it; <see cref="Status"/> 0 means no HTTP answer at all.</summary>
public sealed record ClaimAttempt(string DropId, string ClaimId, int Status, bool RetryAfter, string? ProblemType, long? Token, TimeSpan Started, TimeSpan Finished);

/// <summary>
/// Sustained claims over HTTP: each worker claims on the drops in turn with fresh claim ids and wallets
/// and, like a well-behaved client, retries a 503 with the same claim id. Every answer is recorded.
/// </summary>
public sealed class ClaimTraffic
{
    private readonly ConcurrentQueue<ClaimAttempt> _attempts = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task[] _workers;

    private ClaimTraffic(Func<int, HttpClient> http, IReadOnlyList<string> drops, int workers) =>
        _workers = Enumerable.Range(0, workers).Select(w => Task.Run(() => Work(http(w), drops, w))).ToArray();

    public static ClaimTraffic Start(Func<int, HttpClient> http, IReadOnlyList<string> drops, int workers) => new(http, drops, workers);

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyCollection<ClaimAttempt> Attempts => _attempts;

    public int Successes => _attempts.Count(a => a.Status is 200 or 201);

    /// <summary>Waits until every drop has answered a claim with 2xx that was sent after <paramref name="since"/>; returns when the last one did.</summary>
    public async Task<TimeSpan> AllDropsServeAfter(TimeSpan since, IReadOnlyList<string> drops, TimeSpan timeout)
    {
        await Eventually.True(() => Task.FromResult(drops.All(d => FirstServedAfter(d, since) is not null)), timeout,
            "some drops did not serve claims again");
        return drops.Max(d => FirstServedAfter(d, since)!.Value) - since;
    }

    public TimeSpan? FirstServedAfter(string drop, TimeSpan since) =>
        _attempts.Where(a => a.DropId == drop && a.Started >= since && a.Status is 200 or 201).Select(a => (TimeSpan?)a.Finished).Min();

    public async Task<IReadOnlyCollection<ClaimAttempt>> Stop()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        return _attempts;
    }

    private async Task Work(HttpClient http, IReadOnlyList<string> drops, int worker)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var drop = drops[(worker + n) % drops.Count];
            var claimId = $"w{worker}-{n}";
            var body = new { claimId, wallet = Samples.Wallet(worker * 1_000_000 + n) };
            // A claim the client was told to retry is retried with the same id until it gets an answer.
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var outcome = await Send(http, drop, claimId, body);
                _attempts.Enqueue(outcome);
                if (outcome.Status is not (503 or 0)) break;
                await Task.Delay(100);
            }
        }
    }

    private async Task<ClaimAttempt> Send(HttpClient http, string drop, string claimId, object body)
    {
        var started = _clock.Elapsed;
        try
        {
            using var response = await http.PostAsJsonAsync($"/drops/{drop}/claims", body);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            var status = (int)response.StatusCode;
            long? token = status is 200 or 201 ? json.GetProperty("tokenNumber").GetInt64() : null;
            string? type = status >= 400 && json.TryGetProperty("type", out var t) ? t.GetString() : null;
            return new ClaimAttempt(drop, claimId, status, response.Headers.RetryAfter is not null, type, token, started, _clock.Elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new ClaimAttempt(drop, claimId, 0, false, e.GetType().Name, null, started, _clock.Elapsed);
        }
    }
}
