namespace MicroEvents.Drops;

/// <summary>
/// A drop's own abuse limits, overriding the gateway's defaults (<c>Gateway:Limits</c>) for its claims.
/// Each is optional; a venue whose attendees share one address (NAT) raises the per-address ones.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClaimLimits(
    [property: Id(0)] int? ClaimsPerIpPerMinute = null,
    [property: Id(1)] int? ClaimsPerWalletPerMinute = null,
    [property: Id(2)] int? WalletsPerIpPerWindow = null)
{
    public const int Max = 1_000_000;
}
