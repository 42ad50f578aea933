using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace MicroEvents.Fulfilment;

/// <summary>
/// The fulfilment partner over HTTP. Every request carries the order id as its <c>Idempotency-Key</c>, so
/// a request retried (by the resilience pipeline, by a restarted silo, by an operator) is one order at the
/// partner. Retries with exponential back-off and jitter on 5xx, 408, 429 and timeouts happen in the
/// pipeline (<see cref="FulfilmentSilo"/>); what is left after the last attempt is a failure to dead-letter.
/// </summary>
public sealed class PartnerClient(IHttpClientFactory http, ILogger<PartnerClient> log)
{
    public const string HttpClientName = "fulfilment-partner";

    public async Task<PartnerAnswer> Submit(string orderId, string shortcode, IReadOnlyList<OrderLine> lines, ShippingAddress address, CancellationToken ct)
    {
        var attempts = new AttemptCounter();
        using var request = new HttpRequestMessage(HttpMethod.Post, "fulfilment-requests")
        {
            Content = JsonContent.Create(new { orderId, shortcode, lines, address }, options: Json),
        };
        request.Headers.Add("Idempotency-Key", orderId);
        request.Options.Set(AttemptCounter.Key, attempts);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
                var id = body.TryGetProperty("partnerOrderId", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                return id is { Length: > 0 and <= 128 }
                    ? new PartnerAnswer(id, Math.Max(1, attempts.Count), null)
                    : new PartnerAnswer(null, Math.Max(1, attempts.Count), "the partner answered without a partnerOrderId");
            }
            return new PartnerAnswer(null, Math.Max(1, attempts.Count), $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException or JsonException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Partner request for order {Order} failed after {Attempts} attempts: {Error}", orderId, attempts.Count, e.Message);
            return new PartnerAnswer(null, Math.Max(1, attempts.Count), e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>Tells the partner a return is on its way; the partner confirms receipt by callback. Best effort: the return is recorded either way.</summary>
    public async Task<bool> Return(string orderId, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "returns") { Content = JsonContent.Create(new { orderId }, options: Json) };
            request.Headers.Add("Idempotency-Key", $"return/{orderId}");
            request.Options.Set(AttemptCounter.Key, new AttemptCounter());
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Return notice for order {Order} failed: {Error}", orderId, e.Message);
            return false;
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>The partner's id for the order, or why there is none, and how many HTTP attempts it took.</summary>
public sealed record PartnerAnswer(string? PartnerOrderId, int Attempts, string? Error);

/// <summary>Counts the HTTP attempts the resilience pipeline makes for one request (set on the request, bumped below the pipeline).</summary>
public sealed class AttemptCounter
{
    public static readonly HttpRequestOptionsKey<AttemptCounter> Key = new("microevents.attempts");
    private int _count;
    public int Count => _count;
    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>Sits below the retry pipeline, so it sees every attempt.</summary>
public sealed class AttemptCounting : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Options.TryGetValue(AttemptCounter.Key, out var counter)) counter.Add();
        return base.SendAsync(request, ct);
    }
}
