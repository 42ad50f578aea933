namespace MicroEvents.Live;

/// <summary>Settings of the live feed (section <c>Live</c>).</summary>
public sealed class LiveOptions
{
    /// <summary>How often a watched drop's stream is read: the most progress messages a drop sends per second is 1000 / this.</summary>
    public int PublishMilliseconds { get; set; } = 250;

    /// <summary>A watch not renewed within this lapses (a gateway that died stops being sent to).</summary>
    public TimeSpan WatchLapse { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The window claims per second is measured over.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(3);
}
