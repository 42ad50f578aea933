using System.Net;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// Live pages watching one drop: each holds its own GET /drops/{id}/live stream (its own connection, as
/// browsers do) and reads every message, as EventSource would. Counts what they received.
/// </summary>
public sealed class LiveWatchers : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Watcher> _watchers = [];
    private readonly List<Task> _reading = [];

    private LiveWatchers(Uri gateway, int count)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = count + 1, UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        _http = new HttpClient(handler) { BaseAddress = gateway, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Opens <paramref name="count"/> streams and returns once each has its first message.</summary>
    public static async Task<LiveWatchers> Connect(Uri gateway, string dropId, int count, CancellationToken ct)
    {
        var watchers = new LiveWatchers(gateway, count);
        for (var i = 0; i < count; i++)
        {
            var watcher = new Watcher();
            watchers._watchers.Add(watcher);
            watchers._reading.Add(watcher.Read(watchers._http, $"drops/{dropId}/live", watchers._stop.Token));
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        await Task.WhenAll(watchers._watchers.Select(w => w.FirstMessage.Task.WaitAsync(deadline.Token)));
        return watchers;
    }

    /// <summary>Waits until every stream has seen <paramref name="minted"/> (or the deadline), then reports.</summary>
    public async Task<LiveTally> Settle(long minted, TimeSpan within)
    {
        var end = DateTime.UtcNow + within;
        while (DateTime.UtcNow < end && _watchers.Any(w => w.LastMinted < minted && !w.Ended)) await Task.Delay(50);
        var messages = _watchers.Select(w => w.Messages).Order().ToList();
        return new LiveTally(_watchers.Count, _watchers.Count(w => !w.Ended), _watchers.Count(w => w.LastMinted == minted),
            messages[messages.Count / 2], messages[^1]);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_reading);
        _http.Dispose();
    }

    private sealed class Watcher
    {
        public TaskCompletionSource FirstMessage { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Messages;
        public long LastMinted = -1;
        public bool Ended;

        public async Task Read(HttpClient http, string path, CancellationToken ct)
        {
            try
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"live stream answered {(int)response.StatusCode}");
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal) || line.Contains("\"kind\":\"rate\"", StringComparison.Ordinal)) continue;
                    Messages++;
                    var at = line.IndexOf("\"minted\":", StringComparison.Ordinal) + 9;
                    var end = line.IndexOf(',', at);
                    LastMinted = long.Parse(line.AsSpan(at, end - at));
                    FirstMessage.TrySetResult();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                FirstMessage.TrySetException(e);
            }
            finally
            {
                Ended = !ct.IsCancellationRequested;
            }
        }
    }
}

/// <summary>What the watchers saw: how many stayed connected, saw the final count, and messages received (median, most).</summary>
public sealed record LiveTally(int Watchers, int Connected, int SawFinalCount, int MedianMessages, int MostMessages);
