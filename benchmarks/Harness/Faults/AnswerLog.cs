using System.Collections.Concurrent;
using System.Diagnostics;

namespace MicroEvents.Benchmarks.Faults;

/// <summary>
/// Every request the phones made and every claim's final outcome, on one clock; and the moments the
/// service recovered: <see cref="NextAcknowledgement"/> completes at the first 2xx after a fault.
/// </summary>
public sealed class AnswerLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly ConcurrentQueue<ClaimOutcome> _outcomes = new();
    private readonly List<Watch> _watches = [];
    private int _watching;

    /// <summary>Seconds since the log (the run's clock) started.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    public IReadOnlyCollection<Answer> Answers => _answers;
    public IReadOnlyCollection<ClaimOutcome> Outcomes => _outcomes;

    public void Add(Answer answer)
    {
        _answers.Enqueue(answer);
        if (answer.Kind != AnswerKind.Acknowledged || Volatile.Read(ref _watching) == 0) return;
        lock (_watches)
        {
            for (var i = _watches.Count - 1; i >= 0; i--)
            {
                var watch = _watches[i];
                if ((watch.SentAfter ? answer.SentAt : answer.ReceivedAt) < watch.Since) continue;
                watch.First.TrySetResult(answer.ReceivedAt);
                _watches.RemoveAt(i);
            }
            Volatile.Write(ref _watching, _watches.Count);
        }
    }

    public void Add(ClaimOutcome outcome) => _outcomes.Enqueue(outcome);

    /// <summary>
    /// The time of the first 2xx received from now on; with <paramref name="sentAfterNow"/>, only for a
    /// request sent from now on (so an answer already on its way before a kill does not count).
    /// </summary>
    public Task<double> NextAcknowledgement(bool sentAfterNow)
    {
        var watch = new Watch(Now, sentAfterNow, new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_watches)
        {
            _watches.Add(watch);
            Volatile.Write(ref _watching, _watches.Count);
        }
        return watch.First.Task;
    }

    private sealed record Watch(double Since, bool SentAfter, TaskCompletionSource<double> First);
}
