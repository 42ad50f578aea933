using System.Text;

namespace MicroEvents.Gateway.Problems;

/// <summary>
/// The connection's output, passed through unchanged except for Kestrel's own rejections: a response head with
/// an error status, <c>Content-Length: 0</c> and <c>Connection: close</c>, written alone. The app never answers
/// like that (its errors always carry a problem body), so such a head is Kestrel's, and it gets a body here.
/// </summary>
public sealed class BareRejectionBodies(Stream inner, RecentBytes input) : Stream
{
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) =>
        Rewrite(buffer.Span) is { } rewritten ? inner.WriteAsync(rewritten, ct) : inner.WriteAsync(buffer, ct);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (Rewrite(buffer.AsSpan(offset, count)) is { } rewritten) inner.Write(rewritten);
        else inner.Write(buffer, offset, count);
    }

    private byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        // "HTTP/1.1 4xx " or "HTTP/1.1 5xx ", and nothing after the head: cheap checks first, every response passes here.
        if (written.Length < 16 || !written.StartsWith("HTTP/1."u8) || written[9] is not ((byte)'4' or (byte)'5')) return null;
        if (!written.EndsWith("\r\n\r\n"u8) || written.IndexOf("\r\n\r\n"u8) != written.Length - 4) return null;
        if (written.IndexOf("\r\nContent-Length: 0\r\n"u8) < 0 || written.IndexOf("\r\nConnection: close\r\n"u8) < 0) return null;
        if (written.IndexOf("\r\nContent-Type:"u8) >= 0) return null;
        if (!int.TryParse(written.Slice(9, 3), out var status)) return null;

        var body = ServerRejection.Problem(status, input.Recent());
        var head = Encoding.Latin1.GetString(written).Replace("\r\nContent-Length: 0\r\n",
            $"\r\nContent-Type: {ProblemJsonWriter.MediaType}\r\nContent-Length: {body.Length}\r\n", StringComparison.Ordinal);
        return [.. Encoding.Latin1.GetBytes(head), .. body];
    }

    public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
    public override void Flush() => inner.Flush();
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
