namespace MicroEvents.Gateway.Problems;

/// <summary>
/// A read-only, forward-only view of a request's input that sees every chunk read through it (to count it or keep
/// it) before the reader does: <see cref="BodyLimit"/>'s capped body.
/// </summary>
public abstract class ReadOnlyInput(Stream inner) : Stream
{
    /// <summary>The stream read from.</summary>
    public Stream Inner => inner;

    /// <summary>Sees what was just read; may throw to refuse it.</summary>
    protected abstract void Seen(ReadOnlySpan<byte> read);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var n = await inner.ReadAsync(buffer, ct);
        Seen(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        Seen(buffer.AsSpan(offset, n));
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
