using Microsoft.Extensions.Options;

namespace MicroEvents.Gateway.Venues;

/// <summary>
/// The freshness half of the replay guard: a signed node request's timestamp must be within
/// <see cref="NodeRequestOptions.Window"/> of this gateway's clock. The other half, nonces single use per node,
/// lives in the node's actor (<c>IVenueNodeGrain.AdmitRequest</c>), the one place every gateway of a cluster asks.
/// </summary>
public sealed class NodeRequestWindow(IOptions<NodeRequestOptions> options, TimeProvider clock)
{
    public TimeSpan Window => options.Value.Window;

    public bool Contains(long unixSeconds)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return Math.Abs(now - unixSeconds) <= (long)Window.TotalSeconds;
    }

    /// <summary>Until when a nonce of a request stamped <paramref name="unixSeconds"/> must be remembered.</summary>
    public DateTimeOffset RememberUntil(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds) + Window;
}

public sealed class NodeRequestOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
