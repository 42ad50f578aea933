using System.Buffers;
using MicroEvents.Events;

namespace MicroEvents.Replay;

/// <summary>
/// Writes an export file: each event as its usual NDJSON line (<see cref="EventLine"/>) plus its
/// <see cref="ExportChain"/> hash, then the <see cref="ExportTrailer"/> once the export is complete.
/// </summary>
public sealed class ExportWriter(IBufferWriter<byte> output)
{
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private byte[] _previous = ExportChain.Genesis();
    private long _events, _lastSequence;

    public void Write(ExportedEvent e)
    {
        _line.ResetWrittenCount();
        EventLine.Write(_line, e);
        // The analysts' line without its closing brace and newline: the content the hash covers.
        var content = _line.WrittenSpan[..^2];
        _previous = ExportChain.Next(_previous, content);
        ExportChain.WriteLine(output, content, _previous);
        _events++;
        _lastSequence = e.Sequence;
    }

    /// <summary>Ends the file; <paramref name="after"/> is the sequence an empty export started after.</summary>
    public ExportTrailer Complete(long after)
    {
        var trailer = new ExportTrailer(_events, _events == 0 ? after : _lastSequence, ExportChain.Hex(_previous));
        trailer.Write(output);
        return trailer;
    }
}
