using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>
/// Bytes on a socket, for requests HttpClient refuses to send (NUL in a header, a 20 KiB request line, a bad
/// request line) and for a body sent without waiting for 100-continue. Reads the answer until the server closes
/// or the declared body has arrived.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? ContentType => Headers.GetValueOrDefault("content-type");
        public JsonElement Problem => JsonDocument.Parse(Body).RootElement;
    }

    public static async Task<Answer> Send(Uri server, byte[] head, byte[]? body = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(head);
        if (body is not null)
        {
            try { await stream.WriteAsync(body); }
            catch (IOException) { /* the server may answer and stop reading before the whole body is sent */ }
        }
        return await Read(stream);
    }

    public static Task<Answer> Send(Uri server, string head, byte[]? body = null) => Send(server, Encoding.Latin1.GetBytes(head), body);

    /// <summary>Pipelined requests on one connection: every answer, in order, until the server closes it.</summary>
    public static async Task<IReadOnlyList<Answer>> SendAll(Uri server, string requests)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(requests));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(chunk, timeout.Token)) > 0) received.Write(chunk, 0, n);
        }
        catch (IOException) { /* a reset after the last answer */ }
        var all = received.ToArray();
        var answers = new List<Answer>();
        var at = 0;
        while (at < all.Length)
        {
            var headEnd = all.AsSpan(at).IndexOf("\r\n\r\n"u8);
            if (headEnd < 0) break;
            var lines = Encoding.Latin1.GetString(all, at, headEnd).Split("\r\n");
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
            var bodyAt = at + headEnd + 4;
            var status = int.Parse(lines[0].Split(' ')[1]);
            if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
            {
                var end = all.AsSpan(bodyAt).IndexOf("0\r\n\r\n"u8) + 5;
                answers.Add(new Answer(status, headers, Unchunk(Encoding.UTF8.GetString(all, bodyAt, end))));
                at = bodyAt + end;
                continue;
            }
            var length = headers.TryGetValue("content-length", out var l) ? int.Parse(l) : 0;
            answers.Add(new Answer(status, headers, Encoding.UTF8.GetString(all, bodyAt, length)));
            at = bodyAt + length;
        }
        return answers;
    }

    private static async Task<Answer> Read(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOf(buffer, "\r\n\r\n"u8)) < 0)
        {
            var n = await stream.ReadAsync(chunk, timeout.Token);
            if (n == 0) throw new IOException($"The server closed the connection before a complete answer: '{Encoding.Latin1.GetString(buffer.ToArray())}'");
            buffer.Write(chunk, 0, n);
        }
        var all = buffer.ToArray();
        var lines = Encoding.Latin1.GetString(all, 0, headEnd).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var length = headers.TryGetValue("content-length", out var l) ? int.Parse(l) : -1;
        var body = new MemoryStream();
        body.Write(all, headEnd + 4, all.Length - headEnd - 4);
        try
        {
            var chunked = headers.GetValueOrDefault("transfer-encoding") == "chunked";
            while (chunked ? IndexOf(body, "0\r\n\r\n"u8) < 0 : length < 0 || body.Length < length)
            {
                var n = await stream.ReadAsync(chunk, timeout.Token);
                if (n == 0) break;
                body.Write(chunk, 0, n);
            }
        }
        catch (IOException) { /* a reset after the answer: what arrived is what the client sees */ }
        var text = Encoding.UTF8.GetString(body.ToArray());
        if (headers.GetValueOrDefault("transfer-encoding") == "chunked") text = Unchunk(text);
        return new Answer(status, headers, text);
    }

    private static string Unchunk(string chunked)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(chunked[at..lineEnd], 16);
            if (size == 0) break;
            result.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return result.ToString();
    }

    private static int IndexOf(MemoryStream buffer, ReadOnlySpan<byte> value) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(value);
}
