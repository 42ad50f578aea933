using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace MicroEvents.Partner;

/// <summary>Posts signed status callbacks (Stripe-style: HMAC-SHA256 over "timestamp.body") to the configured URL, retrying a few times.</summary>
public sealed class CallbackSender(Uri? callbackUrl, string secret, TimeProvider clock) : IAsyncDisposable
{
    public Uri? Url { get; set; } = callbackUrl;
    public DateTimeOffset Now => clock.GetUtcNow();

    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;
    private int _sent, _failed;

    public int Sent => _sent;
    public int Failed => _failed;

    public void Start() => _pump = Task.Run(Pump);

    public void Enqueue(object callback) => _queue.Writer.TryWrite(callback);

    public static string Sign(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    private async Task Pump()
    {
        await foreach (var callback in _queue.Reader.ReadAllAsync(_stop.Token))
        {
            if (Url is not { } url) continue;
            var body = JsonSerializer.Serialize(callback, Json);
            var ok = false;
            for (var attempt = 0; attempt < 5 && !ok && !_stop.IsCancellationRequested; attempt++)
            {
                try
                {
                    var ts = clock.GetUtcNow().ToUnixTimeSeconds();
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    request.Headers.Add("X-Partner-Timestamp", ts.ToString(CultureInfo.InvariantCulture));
                    request.Headers.Add("X-Partner-Signature", Sign(secret, ts, body));
                    using var response = await _http.SendAsync(request, _stop.Token);
                    ok = response.IsSuccessStatusCode || (int)response.StatusCode is >= 400 and < 500 and not 408 and not 429;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
                {
                }
                if (!ok) await Task.Delay(200 * (attempt + 1), _stop.Token).ContinueWith(_ => { });
            }
            if (ok) Interlocked.Increment(ref _sent);
            else Interlocked.Increment(ref _failed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        await _pump.ContinueWith(_ => { });
        _http.Dispose();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
