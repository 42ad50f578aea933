using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace MicroEvents.Gateway.Problems;

/// <summary>
/// A connection's input as Kestrel reads it, each byte recorded in <see cref="RecentBytes"/> once, the first time a read
/// returns it. It hands Kestrel the transport's own buffers: no second pipe, no copy, no stream in between.
/// </summary>
/// <remarks>
/// A read returns what is still unconsumed plus what arrived since; offsets from the start of the connection tell the two
/// apart (<c>_consumed</c>: where the last buffer began, plus what was consumed of it; <c>_seen</c>: how far was recorded).
/// </remarks>
public sealed class ObservedInput(PipeReader inner, RecentBytes recent) : PipeReader
{
    private ReadOnlySequence<byte> _last;
    private long _consumed;
    private long _seen;

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var read = inner.ReadAsync(cancellationToken);
        if (!read.IsCompletedSuccessfully) return Observed(read);
        var result = read.Result;
        Observe(result.Buffer);
        return new ValueTask<ReadResult>(result);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> Observed(ValueTask<ReadResult> read)
    {
        var result = await read;
        Observe(result.Buffer);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result)) return false;
        Observe(result.Buffer);
        return true;
    }

    private void Observe(ReadOnlySequence<byte> buffer)
    {
        _last = buffer;
        var fresh = _consumed + buffer.Length - _seen;
        if (fresh <= 0) return;
        foreach (var segment in buffer.Slice(buffer.Length - fresh)) recent.Record(segment.Span);
        _seen += fresh;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _consumed += _last.Slice(_last.Start, consumed).Length;
        _last = default;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();
    public override void Complete(Exception? exception = null) => inner.Complete(exception);
    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
