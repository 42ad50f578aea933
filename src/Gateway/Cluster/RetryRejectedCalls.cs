namespace MicroEvents.Gateway.Cluster;

/// <summary>
/// Re-sends a grain call that Orleans rejected before any grain ran it: a silo that is stopping
/// refuses new requests (and tells the caller where the drop lives no more), a dead silo refuses
/// connections until membership declares it dead. The next attempt reaches the drop's new
/// activation, so a rolling restart fails no request. Every call the gateway makes is idempotent
/// (claims by claim id, lifecycle by target state, reads), so even a rejection after the work is safe.
/// </summary>
public sealed class RetryRejectedCalls : IOutgoingGrainCallFilter
{
    private const int Attempts = 4;
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(150);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                if (context.Response?.Exception is not OrleansMessageRejectionException || attempt == Attempts) return;
            }
            catch (OrleansMessageRejectionException) when (attempt < Attempts)
            {
            }

            await Task.Delay(Backoff * attempt);
        }
    }
}
