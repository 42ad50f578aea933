namespace MicroEvents.Benchmarks.Load;

/// <summary>
/// Pauses a closed-loop load between measured windows: callers wait at the gate while it is closed, and closing it
/// returns only once every call that went through has been answered, so a window's CPU and claims are its own and
/// nothing is in flight when the next one opens. <see cref="Stop"/> ends the load (callers waiting or arriving leave).
/// </summary>
public sealed class LoadGate
{
    private int _inFlight;
    // Completed with true: open; with false: stopped; pending: closed.
    private TaskCompletionSource<bool> _state = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits while closed; true to make one call (then <see cref="Leave"/>), false once stopped.</summary>
    public async ValueTask<bool> Enter()
    {
        while (true)
        {
            // Counted before the state is read, so Close (which swaps the state, then waits for the count) never misses a call.
            Interlocked.Increment(ref _inFlight);
            var state = Volatile.Read(ref _state);
            if (state.Task.IsCompleted && state.Task.Result) return true;
            Interlocked.Decrement(ref _inFlight);
            if (!await state.Task) return false;
        }
    }

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    public void Open() => Volatile.Read(ref _state).TrySetResult(true);

    /// <summary>Closes the gate and waits until every call that went through has been answered.</summary>
    public async Task Close(CancellationToken ct)
    {
        // A full fence: the new state is visible before the count is read (see Enter).
        Interlocked.Exchange(ref _state, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        while (Volatile.Read(ref _inFlight) > 0) await Task.Delay(2, ct);
    }

    public void Stop()
    {
        var stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        stopped.SetResult(false);
        Interlocked.Exchange(ref _state, stopped).TrySetResult(false);
    }
}
