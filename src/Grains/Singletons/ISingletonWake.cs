namespace MicroEvents.Singletons;

/// <summary>
/// A grain the cluster keeps one running activation of (a feed's reader, the projection daemon): every
/// silo calls <see cref="Wake"/> at start and every <see cref="Every"/> after, so after the silo that
/// hosted it dies, the next wake from any silo activates it elsewhere. Waking a running grain costs one message.
/// </summary>
public interface ISingletonWake
{
    string Name { get; }

    TimeSpan Every { get; }

    Task Wake(IGrainFactory grains);
}
