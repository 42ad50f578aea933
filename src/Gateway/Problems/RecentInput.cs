namespace MicroEvents.Gateway.Problems;

/// <summary>
/// The connection's input as read by Kestrel, keeping its most recent bytes: when Kestrel rejects a header, they
/// say which header it was, so the answer can name it.
/// </summary>
public sealed class RecentInput(Stream inner) : ReadOnlyInput(inner)
{
    /// <summary>Twice the largest header block Kestrel accepts, so a rejected header is still in view.</summary>
    public const int Capacity = 64 * 1024;

    private readonly byte[] _recent = new byte[Capacity];
    private int _length;

    public ReadOnlySpan<byte> Recent => _recent.AsSpan(0, _length);

    protected override void Seen(ReadOnlySpan<byte> read)
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

    protected override void Dispose(bool disposing) { if (disposing) Inner.Dispose(); base.Dispose(disposing); }
    public override ValueTask DisposeAsync() => Inner.DisposeAsync();
}
