using System.Net;
using System.Text;
using System.Text.Json;

namespace MicroEvents.IntegrationTests.Live;

/// <summary>One Server-Sent Event as a client parses it; <see cref="Id"/> is null for messages without one.</summary>
public sealed record SseEvent(string? Id, string Event, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
    public long Version => long.Parse(Id!);
    public long Minted => Json.GetProperty("minted").GetInt64();
    public string Status => Json.GetProperty("status").GetString()!;
}

/// <summary>
/// A live stream read the way EventSource reads it (the SSE line format, comments kept apart). Reading
/// waits with a deadline, so a message that never comes fails the test instead of hanging it.
/// </summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, Stream body) =>
        (_response, _reader) = (response, new StreamReader(body, Encoding.UTF8));

    public HttpStatusCode Status => _response.StatusCode;
    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;
    public int Comments { get; private set; }
    public bool Ended { get; private set; }

    public static async Task<SseStream> Open(HttpClient http, string path, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString());
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event; null when the server ended the stream.</summary>
    public async Task<SseEvent?> Next(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        string? id = null, type = null;
        var data = new StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no live message within {(timeout ?? TimeSpan.FromSeconds(15)).TotalSeconds} s");
            }
            if (line is null)
            {
                Ended = true;
                return null;
            }
            if (line.Length == 0)
            {
                if (data.Length > 0) return new SseEvent(id, type ?? "message", data.ToString());
                (id, type) = (null, null);
                continue;
            }
            if (line.StartsWith(':'))
            {
                Comments++;
                continue;
            }
            var (field, value) = line.IndexOf(':') is var colon and >= 0
                ? (line[..colon], line[(colon + 1)..].TrimStart(' '))
                : (line, "");
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Append(value); break;
            }
        }
    }

    /// <summary>Events until one matches; rate-only messages are skipped. Fails after <paramref name="timeout"/>.</summary>
    public async Task<List<SseEvent>> Until(Func<SseEvent, bool> done, TimeSpan? timeout = null)
    {
        var seen = new List<SseEvent>();
        var end = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var left = end - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"the awaited live message did not come; saw {string.Join(" | ", seen)}");
            var next = await Next(left) ?? throw new InvalidOperationException($"the stream ended; saw {string.Join(" | ", seen)}");
            if (next.Event == "rate") continue;
            seen.Add(next);
            if (done(next)) return seen;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
