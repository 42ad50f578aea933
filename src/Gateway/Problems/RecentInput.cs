namespace MicroEvents.Gateway.Problems;

/// <summary>
/// The connection's input as read by Kestrel, keeping its most recent bytes: when Kestrel rejects a header, they
/// say which header it was, so the answer can name it.
/// </summary>
public sealed class RecentInput(Stream inner) : Stream
{
    /// <summary>Twice the largest header block Kestrel accepts, so a rejected header is still in view.</summary>
    public const int Capacity = 64 * 1024;

    private readonly byte[] _recent = new byte[Capacity];
    private int _length;

    public ReadOnlySpan<byte> Recent => _recent.AsSpan(0, _length);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var n = await inner.ReadAsync(buffer, ct);
        Remember(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        Remember(buffer.AsSpan(offset, n));
        return n;
    }

    private void Remember(ReadOnlySpan<byte> read)
    {
        if (read.Length >= Capacity) { read[^Capacity..].CopyTo(_recent); _length = Capacity; return; }
        if (_length + read.Length > Capacity)
        {
            var keep = Capacity - read.Length;
            _recent.AsSpan(_length - keep, keep).CopyTo(_recent);
            _length = keep;
        }
        read.CopyTo(_recent.AsSpan(_length));
        _length += read.Length;
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
    protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
