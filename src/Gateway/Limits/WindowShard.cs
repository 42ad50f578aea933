using MicroEvents.Throttles;

namespace MicroEvents.Gateway.Limits;

/// <summary>
/// Sends one shard's admissions to its counting grain the way the journal commits events: while one call
/// is in flight, new admissions wait and leave together in the next, so the grain sees a few calls a
/// second per gateway however many claims arrive. Locks are never nested (shard, then each tally in turn).
/// </summary>
internal sealed class WindowShard(int shard, IGrainFactory grains, TimeProvider clock, ILogger log)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);
    private readonly object _gate = new();
    private readonly HashSet<WindowTally> _pending = [];
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _running;
    private bool _failing;

    /// <summary>Queues the tally's unsent admissions for the next call.</summary>
    public void Enqueue(WindowTally tally)
    {
        lock (_gate)
        {
            _pending.Add(tally);
            if (_running) return;
            _running = true;
        }
        _ = Task.Run(Run);
    }

    /// <summary>Completes once a call that starts after now has been answered (or failed).</summary>
    public Task NextReply()
    {
        lock (_gate) return _next.Task;
    }

    private async Task Run()
    {
        while (true)
        {
            WindowTally[] batch;
            TaskCompletionSource done;
            lock (_gate)
            {
                done = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_pending.Count == 0)
                {
                    _running = false;
                    done.TrySetResult();
                    return;
                }
                batch = [.. _pending];
                _pending.Clear();
            }
            try
            {
                await Send(batch);
            }
            finally
            {
                done.TrySetResult();
            }
        }
    }

    private async Task Send(WindowTally[] batch)
    {
        var sent = new List<(WindowTally Tally, int Count)>(batch.Length);
        foreach (var tally in batch)
            lock (tally)
            {
                if (tally.Unsent == 0) continue;
                sent.Add((tally, tally.Unsent));
                tally.InFlight += tally.Unsent;
                tally.Unsent = 0;
            }
        if (sent.Count == 0) return;

        try
        {
            var totals = await grains.GetGrain<IWindowCountsGrain>(shard)
                .Add([.. sent.Select(s => new WindowAdmissions(s.Tally.Key, s.Tally.WindowSeconds, s.Count))]);
            var now = clock.GetUtcNow();
            for (var i = 0; i < sent.Count; i++)
            {
                var (tally, count) = sent[i];
                lock (tally)
                {
                    tally.InFlight -= count;
                    tally.Known = totals[i].Total;
                    tally.KnownUntil = now + totals[i].Remaining;
                }
            }
            _failing = false;
        }
        catch (Exception e)
        {
            // The admissions stay unconfirmed and go again; meanwhile each key admits no more than its allowance.
            if (!_failing) log.LogWarning(e, "Could not count abuse-limit windows in the cluster (shard {Shard}); retrying", shard);
            _failing = true;
            foreach (var (tally, count) in sent)
                lock (tally)
                {
                    tally.InFlight -= count;
                    tally.Unsent += count;
                }
            lock (_gate) _pending.UnionWith(sent.Select(s => s.Tally));
            await Task.Delay(RetryPause);
        }
    }
}
