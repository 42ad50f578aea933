using System.Collections.Concurrent;
using System.Diagnostics;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Rejections;

namespace MicroEvents.Benchmarks.Load;

/// <summary>One claim call, for claim index <c>i</c>; a thrown <see cref="Rejected"/> counts as a rejection.</summary>
public delegate Task<ClaimAttempt> ClaimCall(long claimIndex, CancellationToken ct);

/// <summary>
/// Drives a <see cref="LoadPlan"/>: N concurrent callers in a closed loop, each call timed at the caller
/// (Stopwatch timestamps before and after the awaited call) into HdrHistogram.
/// </summary>
public static class ClaimLoad
{
    /// <param name="cpu">When given, CPU per accepted claim over the level (this process, its children, PostgreSQL).</param>
    /// <param name="window">When given, also records the calls made inside a sustained run's measured window.</param>
    /// <param name="gate">When given, every call passes it (a load paused between windows); the load ends when it stops.</param>
    public static async Task<LoadResult> Run(LoadPlan plan, ClaimCall call, CancellationToken ct, ProcessCpu? cpu = null, LatencyWindow? window = null, LoadGate? gate = null)
    {
        var cpuBefore = cpu?.Sample();
        var tokens = new long[plan.Attempts];
        var acceptedAt = new long[plan.Attempts];
        var all = new LatencyRecorder();
        var accepted = new LatencyRecorder();
        var rejections = new ConcurrentDictionary<string, long>();
        var failures = new ConcurrentQueue<string>();
        long next = -1, acceptedCount = 0, rejectedCount = 0, failedCount = 0;

        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(plan.TimeLimit.TotalSeconds * Stopwatch.Frequency);
        var stoppedByTime = 0;

        async Task Caller()
        {
            while (!ct.IsCancellationRequested)
            {
                if (gate is not null && !await gate.Enter()) return;
                var i = Interlocked.Increment(ref next);
                if (i >= plan.Attempts)
                {
                    gate?.Leave();
                    return;
                }
                var before = Stopwatch.GetTimestamp();
                if (before > deadline)
                {
                    Interlocked.Exchange(ref stoppedByTime, 1);
                    gate?.Leave();
                    return;
                }

                ClaimAttempt attempt;
                try
                {
                    attempt = await call(i, ct);
                }
                catch (Rejected r)
                {
                    attempt = ClaimAttempt.Rejected(r.Code);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    attempt = ClaimAttempt.Failed($"{e.GetType().Name}: {e.Message}");
                }

                var after = Stopwatch.GetTimestamp();
                all.Record(before, after);
                window?.Record(before, after);
                if (attempt.IsAccepted)
                {
                    tokens[i] = attempt.TokenNumber;
                    accepted.Record(before, after);
                    acceptedAt[Interlocked.Increment(ref acceptedCount) - 1] = after;
                }
                else if (attempt.RejectionCode is { } code)
                {
                    Interlocked.Increment(ref rejectedCount);
                    rejections.AddOrUpdate(code, 1, (_, n) => n + 1);
                }
                else
                {
                    if (Interlocked.Increment(ref failedCount) <= 5) failures.Enqueue(attempt.Failure ?? "unknown failure");
                }
                gate?.Leave();
            }
        }

        var callers = new Task[plan.Concurrency];
        for (var c = 0; c < callers.Length; c++) callers[c] = Task.Run(Caller, CancellationToken.None);
        await Task.WhenAll(callers);
        var end = Stopwatch.GetTimestamp();
        var cpuAfter = cpu?.Sample();
        ct.ThrowIfCancellationRequested();

        return new LoadResult
        {
            Plan = plan,
            Attempted = acceptedCount + rejectedCount + failedCount,
            Accepted = acceptedCount,
            Rejected = rejectedCount,
            Failed = failedCount,
            RejectionsByCode = rejections.ToDictionary(kv => kv.Key, kv => kv.Value),
            FailureSamples = failures.ToArray(),
            TokenByClaim = tokens,
            AllClaims = all,
            AcceptedClaims = accepted,
            Throughput = SteadyThroughput.From(acceptedAt.AsSpan(0, (int)acceptedCount), start, end),
            Elapsed = Stopwatch.GetElapsedTime(start, end),
            StoppedByTimeLimit = stoppedByTime == 1,
            Cpu = cpuBefore is not null && cpuAfter is not null ? cpuBefore.Per(cpuAfter, acceptedCount) : null,
        };
    }
}
