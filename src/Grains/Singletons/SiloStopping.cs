namespace MicroEvents.Singletons;

/// <summary>
/// Whether this silo has begun to stop. It is set when the silo leaves the Active stage, the first step of a shutdown:
/// before membership marks the silo as stopping (from then on no grain can be placed: "No active nodes are compatible")
/// and before its grains deactivate. Background readers check it so a shutdown is not logged and counted as their failure.
/// </summary>
public sealed class SiloStopping : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();

    public bool IsStopping => _stopping.IsCancellationRequested;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloStopping), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ => _stopping.CancelAsync());
}
