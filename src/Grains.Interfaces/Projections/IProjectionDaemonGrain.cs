using Orleans.Concurrency;

namespace MicroEvents.Projections;

/// <summary>
/// The one place in the cluster that runs Marten's async daemon (key 0). Every silo pings it, so it is
/// active wherever it was last placed; rebuilds go through it so they never race the running shard.
/// </summary>
public interface IProjectionDaemonGrain : IGrainWithIntegerKey
{
    /// <summary>Activates the daemon if it is not running (idempotent, cheap).</summary>
    [AlwaysInterleave] Task Ensure();

    /// <summary>Throws away the projection's tables and replays every stored event into them.</summary>
    /// <remarks>Interleaves so a second request while one runs is answered 409 rebuild-running at once, instead of
    /// queueing behind it and rebuilding again.</remarks>
    [AlwaysInterleave] Task<ProjectionRebuilt> Rebuild(string name);

    /// <summary>Whether this activation holds the cluster-wide lease and runs the daemon.</summary>
    [AlwaysInterleave] Task<bool> IsRunning();
}
