using Microsoft.Extensions.Logging;

namespace MicroEvents.Singletons;

/// <summary>Runs every registered <see cref="ISingletonWake"/> from the moment the silo is active until it stops.</summary>
internal sealed class SingletonKeeper(IGrainFactory grains, IEnumerable<ISingletonWake> wakes, ILogger<SingletonKeeper> log)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SingletonKeeper), ServiceLifecycleStage.Active, _ =>
        {
            _loops = Task.WhenAll(wakes.Select(w => Task.Run(() => KeepAwake(w))));
            return Task.CompletedTask;
        }, async _ =>
        {
            await _stopping.CancelAsync();
            await _loops;
        });

    private async Task KeepAwake(ISingletonWake wake)
    {
        using var timer = new PeriodicTimer(wake.Every);
        do
        {
            try
            {
                await wake.Wake(grains).WaitAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogDebug(e, "Could not wake {Singleton}; trying again in {Seconds} s", wake.Name, wake.Every.TotalSeconds);
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
