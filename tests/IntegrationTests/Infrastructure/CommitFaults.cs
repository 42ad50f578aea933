using MicroEvents.EventSourcing;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>Injects lost replies: the append committed, then the call fails.</summary>
public sealed class CommitFaults : AppendInterceptor
{
    private int _failAfterCommit;
    private int _failCommitCheck;

    /// <summary>The next <paramref name="times"/> committed appends throw after the commit.</summary>
    public void LoseRepliesOfNextCommits(int times = 1)
    {
        RepliesLost = 0;
        Interlocked.Exchange(ref _failAfterCommit, times);
    }

    /// <summary>The next check of whether a failed append landed fails too, so the failure reaches Orleans.</summary>
    public void FailNextCommitChecks(int times = 1) => Interlocked.Exchange(ref _failCommitCheck, times);

    public int RepliesLost { get; private set; }

    private readonly List<(string Stream, TaskCompletionSource Done)> _watches = [];

    /// <summary>Completes when the next append to <paramref name="streamKey"/> commits: what a test awaits instead of polling.</summary>
    public Task NextAppendTo(string streamKey)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_watches) _watches.Add((streamKey, done));
        return done.Task;
    }

    private (string Stream, TaskCompletionSource Held, Task Release, int Skip, bool LoseReply)? _hold;

    /// <summary>
    /// Holds the reply of the next commit to <paramref name="streamKey"/> until <paramref name="release"/> completes:
    /// a test can change the world (stop PostgreSQL) between a commit and what its caller does next.
    /// The returned task completes once the commit is held.
    /// </summary>
    public Task HoldAfterNextCommitTo(string streamKey, Task release) => HoldAfterCommitTo(streamKey, release, skip: 0, loseReply: false);

    /// <summary>
    /// Like <see cref="HoldAfterNextCommitTo"/>, after letting <paramref name="skip"/> commits to the stream through; with
    /// <paramref name="loseReply"/> the held commit's reply is then lost, so the append waits for storage to check it landed.
    /// </summary>
    public Task HoldAfterCommitTo(string streamKey, Task release, int skip, bool loseReply)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_watches) _hold = (streamKey, held, release, skip, loseReply);
        return held.Task;
    }

    public override async ValueTask AfterCommit(string streamKey, int events)
    {
        (string Stream, TaskCompletionSource Held, Task Release, int Skip, bool LoseReply)? hold = null;
        lock (_watches)
        {
            foreach (var watch in _watches.Where(w => w.Stream == streamKey).ToList())
            {
                watch.Done.TrySetResult();
                _watches.Remove(watch);
            }
            if (_hold is { } h0 && h0.Stream == streamKey)
            {
                if (h0.Skip > 0) _hold = h0 with { Skip = h0.Skip - 1 };
                else (hold, _hold) = (_hold, null);
            }
        }
        if (hold is { } h)
        {
            h.Held.TrySetResult();
            await h.Release;
            if (h.LoseReply) throw new TimeoutException($"Injected: reply of a committed append to {streamKey} lost while PostgreSQL was away");
        }
        if (Interlocked.Decrement(ref _failAfterCommit) < 0) return;
        RepliesLost++;
        throw new TimeoutException($"Injected: reply of a committed append to {streamKey} lost");
    }

    public override ValueTask BeforeCommitCheck(string streamKey) =>
        Interlocked.Decrement(ref _failCommitCheck) < 0
            ? ValueTask.CompletedTask
            : throw new TimeoutException($"Injected: PostgreSQL unreachable while checking {streamKey}");
}
