using Orleans.Concurrency;

namespace MicroEvents.Operations;

/// <summary>
/// Asked of an activation, not of the actor: when this activation of the grain started. Installed on every
/// grain as an extension, so it answers without the actor's code and interleaves with a busy actor.
/// </summary>
public interface IActivationClock : IGrainExtension
{
    [AlwaysInterleave]
    Task<DateTimeOffset?> ActivatedAt();
}
