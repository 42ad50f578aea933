using System.Reflection;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;

namespace MicroEvents.Live;

/// <summary>A drop as its live feed sees it after event <see cref="Version"/>: phase, and tokens held (mints less releases).</summary>
public sealed record LiveState(long Version, DropPhase Phase, long Supply, long Minted, LiveToken? LastToken)
{
    public static LiveState None => new(0, DropPhase.None, 0, 0, null);

    public bool Exists => Phase != DropPhase.None;

    public DropStatus Status => Phase switch
    {
        DropPhase.Open when Minted >= Supply => DropStatus.SoldOut,
        DropPhase.Open => DropStatus.Open,
        DropPhase.Paused => DropStatus.Paused,
        DropPhase.Closed => DropStatus.Closed,
        _ => DropStatus.Draft,
    };

    public LiveMessage Message(LiveKind kind, double? claimsPerSecond, DateTimeOffset? changedAt = null) =>
        new(kind, Version, Status, Supply, Minted, LastToken, claimsPerSecond, changedAt);

    /// <summary>The phase a lifecycle event leads to; events it does not know leave the phase as it is.</summary>
    public LiveState After(LivePoint point) => (Phases.TryGetValue(point.Alias, out var phase) ? this with { Phase = phase } : this) with
    {
        Version = point.Version,
        Supply = point.Supply ?? Supply,
        Minted = point.Alias == ReleasedAlias ? Minted - 1 : Minted,
    };

    /// <summary>A token given back to the drop (escrow release): one fewer held, one more remaining.</summary>
    public static readonly string ReleasedAlias = Alias<TokenReleased>();

    public static readonly IReadOnlyDictionary<string, DropPhase> Phases = new Dictionary<string, DropPhase>
    {
        [Alias<DropCreated>()] = DropPhase.Draft,
        [Alias<DropOpened>()] = DropPhase.Open,
        [Alias<DropResumed>()] = DropPhase.Open,
        [Alias<DropPaused>()] = DropPhase.Paused,
        [Alias<DropClosed>()] = DropPhase.Closed,
    };

    private static string Alias<T>() => typeof(T).GetCustomAttribute<EventAliasAttribute>()!.Alias;
}
