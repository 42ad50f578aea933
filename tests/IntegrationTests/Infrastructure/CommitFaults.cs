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

    public override ValueTask AfterCommit(string streamKey, int events)
    {
        if (Interlocked.Decrement(ref _failAfterCommit) < 0) return ValueTask.CompletedTask;
        RepliesLost++;
        throw new TimeoutException($"Injected: reply of a committed append to {streamKey} lost");
    }

    public override ValueTask BeforeCommitCheck(string streamKey) =>
        Interlocked.Decrement(ref _failCommitCheck) < 0
            ? ValueTask.CompletedTask
            : throw new TimeoutException($"Injected: PostgreSQL unreachable while checking {streamKey}");
}
