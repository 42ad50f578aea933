using Microsoft.Extensions.Logging;

namespace MicroEvents.Feeds;

/// <summary>
/// Keeps every registered feed running: each silo wakes each feed's grain at start and every few
/// seconds after, so a feed whose silo died resumes on another within that time. Waking a running
/// feed costs one message.
/// </summary>
internal sealed class FeedKeeper(IGrainFactory grains, IEnumerable<IFeedHandler> handlers, ILogger<FeedKeeper> log)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan WakeEvery = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(FeedKeeper), ServiceLifecycleStage.Active, _ =>
        {
            _loop = Task.Run(KeepAwake);
            return Task.CompletedTask;
        }, async _ =>
        {
            await _stopping.CancelAsync();
            await _loop;
        });

    private async Task KeepAwake()
    {
        using var timer = new PeriodicTimer(WakeEvery);
        do
        {
            foreach (var handler in handlers)
            {
                try
                {
                    await grains.GetGrain<IFeedGrain>(handler.Name).Start().WaitAsync(_stopping.Token);
                }
                catch (Exception e) when (!_stopping.IsCancellationRequested)
                {
                    log.LogDebug(e, "Could not wake feed {Feed}; trying again in {Seconds} s", handler.Name, WakeEvery.TotalSeconds);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        while (await Next(timer));
    }

    private async Task<bool> Next(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
