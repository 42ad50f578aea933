using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MicroEvents.Partner;

/// <summary>
/// A micro-fulfilment partner on Kestrel: takes fulfilment requests (deduplicated by <c>Idempotency-Key</c>),
/// then calls back signed status updates. It can be told to fail a share of requests, answer slowly, and
/// duplicate or reorder its callbacks. <c>GET /simulator/state</c> shows what it saw. Like a real partner's API,
/// it answers <c>GET /fulfilment-requests?idempotencyKey=…</c> with the order it recorded under that key (or 404), so
/// a client whose request timed out after it was sent can find out whether the order was taken.
/// </summary>
public sealed class PartnerSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CallbackSender _callbacks;
    private readonly ConcurrentDictionary<string, string> _orders = new();
    private readonly ConcurrentDictionary<string, bool> _returns = new();
    private int _requests, _replays, _injected;

    public SimulatorBehaviour Behaviour { get; set; } = new();

    /// <summary>Where callbacks go; settable because a test's gateway may start after its partner.</summary>
    public Uri? CallbackUrl { get => _callbacks.Url; set => _callbacks.Url = value; }
    public Uri BaseUrl { get; private set; } = null!;

    private PartnerSimulator(WebApplication app, CallbackSender callbacks)
    {
        _app = app;
        _callbacks = callbacks;
    }

    /// <summary>Starts on <paramref name="url"/> (port 0: a free one), calling back <paramref name="callbackUrl"/> signed with <paramref name="secret"/>.</summary>
    public static async Task<PartnerSimulator> Start(string url, Uri? callbackUrl, string secret, SimulatorBehaviour? behaviour = null, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        var callbacks = new CallbackSender(callbackUrl, secret, clock ?? TimeProvider.System);
        var simulator = new PartnerSimulator(app, callbacks) { Behaviour = behaviour ?? new() };
        simulator.Map();
        await app.StartAsync();
        simulator.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        callbacks.Start();
        return simulator;
    }

    public SimulatorState State => new(_requests, _orders.Count, _replays, _injected, _callbacks.Sent, _callbacks.Failed, [.. _orders.Keys]);

    /// <summary>Sends one callback now, as the partner would (for tests and demos).</summary>
    public void Callback(string orderId, string status, string? carrier = null, string? trackingNumber = null, bool? restock = null, string? reason = null, string? eventId = null) =>
        _callbacks.Enqueue(new { eventId = eventId ?? Guid.NewGuid().ToString("N"), orderId, status, carrier, trackingNumber, restock, reason, at = _callbacks.Now });

    private void Map()
    {
        _app.MapPost("/fulfilment-requests", async (HttpRequest http) =>
        {
            Interlocked.Increment(ref _requests);
            var behaviour = Behaviour;
            if (behaviour.DelayMs > 0) await Task.Delay(behaviour.DelayMs);
            if (Random.Shared.NextDouble() < behaviour.FailureRate)
            {
                Interlocked.Increment(ref _injected);
                return Results.StatusCode(503);
            }
            var key = http.Headers["Idempotency-Key"].FirstOrDefault();
            if (string.IsNullOrEmpty(key)) return Results.BadRequest(new { error = "Idempotency-Key is required" });
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Body);
            var orderId = body.TryGetProperty("orderId", out var o) ? o.GetString() : null;
            if (orderId is null) return Results.BadRequest(new { error = "orderId is required" });

            var partnerOrderId = "P-" + Guid.NewGuid().ToString("N")[..12];
            if (!_orders.TryAdd(key, partnerOrderId))
            {
                Interlocked.Increment(ref _replays);
                return Results.Ok(new { partnerOrderId = _orders[key], replayed = true });
            }
            Progress(orderId, partnerOrderId, behaviour);
            return Results.Created($"/fulfilment-requests/{partnerOrderId}", new { partnerOrderId, replayed = false });
        });

        // Not delayed: a lookup is how a client recovers from the slow answers the delay simulates.
        _app.MapGet("/fulfilment-requests", (string? idempotencyKey) =>
            string.IsNullOrEmpty(idempotencyKey) ? Results.BadRequest(new { error = "idempotencyKey is required" })
            : _orders.TryGetValue(idempotencyKey, out var partnerOrderId) ? Results.Ok(new { partnerOrderId, idempotencyKey })
            : Results.NotFound(new { error = "no order under this idempotency key" }));

        _app.MapPost("/returns", async (HttpRequest http) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Body);
            var orderId = body.TryGetProperty("orderId", out var o) ? o.GetString() : null;
            if (orderId is null) return Results.BadRequest();
            if (_returns.TryAdd(orderId, true) && Behaviour.ConfirmReturns) Callback(orderId, "returned", restock: true, reason: "received in resellable condition");
            return Results.Accepted();
        });

        _app.MapGet("/simulator/state", () => State);
        _app.MapPut("/simulator/behaviour", (SimulatorBehaviour behaviour) => { Behaviour = behaviour; return behaviour; });
    }

    private void Progress(string orderId, string partnerOrderId, SimulatorBehaviour behaviour)
    {
        var statuses = behaviour.ReorderCallbacks ? behaviour.Progress.Reverse().ToList() : behaviour.Progress.ToList();
        foreach (var status in statuses)
        {
            var callback = new
            {
                eventId = $"{partnerOrderId}-{status}", orderId, status,
                carrier = status == "shipped" ? "DHL" : null,
                trackingNumber = status == "shipped" ? "JD" + partnerOrderId[2..] : null,
                at = _callbacks.Now,
            };
            _callbacks.Enqueue(callback);
            if (behaviour.DuplicateCallbacks) _callbacks.Enqueue(callback);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _callbacks.DisposeAsync();
        await _app.DisposeAsync();
    }
}
