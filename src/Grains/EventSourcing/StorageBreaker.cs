using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MicroEvents.Rejections;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Fails fast while PostgreSQL is unreachable. The first transient failure opens it; while open, new
/// commands are refused at once with <c>unavailable</c> instead of hanging, and a probe asks
/// PostgreSQL every <see cref="ProbeEvery"/> until it answers, which closes it again, with no restart.
/// One per journal (per silo): an outage is the database's, not one actor's.
/// </summary>
public sealed class StorageBreaker(Func<CancellationToken, Task> probe, ILogger? log = null)
{
    private readonly ILogger _log = log ?? NullLogger.Instance;
    private readonly Lock _gate = new();
    private TaskCompletionSource? _closed;

    public static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>What a refused client is told to wait (the <c>Retry-After</c> header).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(RejectionCodes.UnavailableRetryAfterSeconds);

    public bool IsOpen => Volatile.Read(ref _closed) is not null;

    /// <summary>Opens the breaker (if closed) and starts probing.</summary>
    public void Trip(Exception cause)
    {
        lock (_gate)
        {
            if (_closed is not null) return;
            _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _log.LogWarning("PostgreSQL unreachable ({Reason}: {Message}); refusing new commands until it answers",
            StorageFault.Reason(cause), cause.Message);
        _ = Task.Run(ProbeUntilClosed);
    }

    /// <summary>Completes when storage answers again (at once when the breaker is closed).</summary>
    public Task WhenClosed => Volatile.Read(ref _closed)?.Task ?? Task.CompletedTask;

    /// <summary>Throws <c>unavailable</c> while the breaker is open.</summary>
    public void ThrowIfOpen()
    {
        if (IsOpen) throw Unavailable();
    }

    /// <summary>
    /// A read that needs storage: refused at once while the breaker is open; a transient failure opens it
    /// and answers <c>unavailable</c> (503), never a 500. <paramref name="unavailable"/> says what cannot be read, when
    /// the default advice (retry with the same id) does not fit the caller.
    /// </summary>
    public async Task<T> Read<T>(Func<Task<T>> read, string? unavailable = null)
    {
        if (IsOpen) throw Unavailable(unavailable);
        try
        {
            return await read();
        }
        catch (Exception e) when (StorageFault.Classify(e) == StorageFaultKind.Transient)
        {
            Trip(e);
            throw Unavailable(unavailable);
        }
    }

    public static Rejected Unavailable(string? why = null) =>
        new(RejectionCodes.Unavailable, why ?? $"Storage is unavailable; retry in {RetryAfter.TotalSeconds:0} s with the same id.");

    private async Task ProbeUntilClosed()
    {
        var down = DateTimeOffset.UtcNow;
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(ProbeTimeout);
                await probe(timeout.Token);
                break;
            }
            catch (Exception)
            {
                await Task.Delay(ProbeEvery);
            }
        }

        TaskCompletionSource closed;
        lock (_gate)
        {
            closed = _closed!;
            _closed = null;
        }
        _log.LogInformation("PostgreSQL answers again after {Seconds:0.0} s; taking commands", (DateTimeOffset.UtcNow - down).TotalSeconds);
        closed.TrySetResult();
    }
}
