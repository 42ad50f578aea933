namespace MicroEvents.Gateway.Problems;

/// <summary>
/// The most recent bytes a connection's reader took in: when Kestrel rejects a header, they say which header it was, so
/// the answer can name it. A ring: recording costs a copy of what was read, never a shift of what is kept (every request
/// of a long-lived connection passes through here, the rejection that reads it back is rare).
/// </summary>
public sealed class RecentBytes
{
    /// <summary>Twice the largest header block Kestrel accepts, so a rejected header is still in view.</summary>
    public const int Capacity = 64 * 1024;

    private readonly byte[] _ring = new byte[Capacity];
    private int _next;
    private bool _full;

    public void Record(ReadOnlySpan<byte> read)
    {
        if (read.Length >= Capacity)
        {
            read[^Capacity..].CopyTo(_ring);
            _next = 0;
            _full = true;
            return;
        }
        var first = Math.Min(read.Length, Capacity - _next);
        read[..first].CopyTo(_ring.AsSpan(_next));
        read[first..].CopyTo(_ring);
        if (_next + read.Length >= Capacity) _full = true;
        _next = (_next + read.Length) % Capacity;
    }

    /// <summary>What is kept, oldest first.</summary>
    public byte[] Recent() => _full ? [.. _ring.AsSpan(_next), .. _ring.AsSpan(0, _next)] : _ring.AsSpan(0, _next).ToArray();
}
