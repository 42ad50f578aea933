using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Text;
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
                return IsPartnerId(id)
                    ? new PartnerAnswer(id, Math.Max(1, attempts.Count), null)
                    : new PartnerAnswer(null, Math.Max(1, attempts.Count), "the partner answered without a partnerOrderId");
            }
            // A 4xx (other than 408/429, which the pipeline retries) is the partner's own refusal: the order is not there.
            var refused = (int)response.StatusCode is >= 400 and < 500;
            return new PartnerAnswer(null, Math.Max(1, attempts.Count), $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", refused);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException or JsonException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Partner request for order {Order} failed after {Attempts} attempts: {Error}", orderId, attempts.Count, e.Message);
            return new PartnerAnswer(null, Math.Max(1, attempts.Count), e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>
    /// Asks the partner which order it holds under the order's idempotency key: after a request whose outcome is
    /// unknown (a timeout or a lost connection after it was sent), the partner may well have taken it.
    /// </summary>
    public async Task<PartnerLookup> Lookup(string orderId, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "fulfilment-requests?idempotencyKey=" + Uri.EscapeDataString(orderId));
            request.Options.Set(AttemptCounter.Key, new AttemptCounter());
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return new PartnerLookup(null, true, null);
            if (!response.IsSuccessStatusCode) return new PartnerLookup(null, false, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
            var id = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("partnerOrderId", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            return IsPartnerId(id) ? new PartnerLookup(id, false, null) : new PartnerLookup(null, false, "the partner's lookup answered without a partnerOrderId");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException or JsonException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Looking up order {Order} at the partner failed: {Error}", orderId, e.Message);
            return new PartnerLookup(null, false, e.GetType().Name + ": " + e.Message);
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

    // The partner's id is stored in the order's events: it passes the rules every outside string passes.
    private static bool IsPartnerId(string? id) => id is { Length: > 0 } && ClientText.IsValid(id, ClientText.MaxIdLength);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// The partner's id for the order, or why there is none, and how many HTTP attempts it took. <see cref="Refused"/>:
/// the partner answered and said no, so the order is certainly not there; otherwise a missing id is ambiguous.
/// </summary>
public sealed record PartnerAnswer(string? PartnerOrderId, int Attempts, string? Error, bool Refused = false);

/// <summary>What the partner holds under an idempotency key: its order id, or <see cref="Missing"/> (it answered: none), or an error (unknown).</summary>
public sealed record PartnerLookup(string? PartnerOrderId, bool Missing, string? Error);

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
