using System.Threading.Channels;

namespace MicroEvents.Gateway.Live;

/// <summary>
/// One open stream's queue: bounded, so a client that cannot keep up is dropped instead of holding
/// memory; its EventSource reconnects with Last-Event-ID and reads what it missed from the stream.
/// </summary>
public sealed class LiveClient(int capacity)
{
    private readonly Channel<LiveFrame> _frames = Channel.CreateBounded<LiveFrame>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<LiveFrame> Frames => _frames.Reader;

    /// <summary>True once it was dropped for falling behind.</summary>
    public bool Dropped { get; private set; }

    public void Offer(LiveFrame frame)
    {
        if (!_frames.Writer.TryWrite(frame)) Drop();
    }

    /// <summary>Ends the client's stream; it resumes from the drop's stream with Last-Event-ID.</summary>
    public void Drop()
    {
        Dropped = true;
        _frames.Writer.TryComplete();
    }
}
