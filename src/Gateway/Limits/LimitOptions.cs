namespace MicroEvents.Gateway.Limits;

/// <summary>
/// Abuse limits, from configuration section <c>Gateway:Limits</c> (e.g. <c>Gateway__Limits__ClaimsPerIpPerMinute</c>).
/// The per-address and per-wallet claim windows and the sign-in window are counted once per cluster, all
/// gateways together (<see cref="ClusterWindows"/>, with its stated slack); the bot signal
/// (<see cref="WalletsPerIpPerWindow"/>) is still counted per gateway process.
/// </summary>
public sealed class LimitOptions
{
    public const string Section = "Gateway:Limits";

    public bool Enabled { get; set; } = true;

    /// <summary>Claims one client address may send to one drop per minute.</summary>
    public int ClaimsPerIpPerMinute { get; set; } = 120;

    /// <summary>Claims for one wallet on one drop per minute.</summary>
    public int ClaimsPerWalletPerMinute { get; set; } = 10;

    /// <summary>Nonce and sign-in requests per client address per minute.</summary>
    public int SignInPerIpPerMinute { get; set; } = 30;

    /// <summary>Requests for a mailed claim code (<c>POST /drops/{id}/claims/{claimId}/code</c>) per client address per minute.</summary>
    public int CodeRequestsPerIpPerMinute { get; set; } = 20;

    /// <summary>Distinct wallets one client address may claim for on one drop within <see cref="BotWindowSeconds"/>.</summary>
    public int WalletsPerIpPerWindow { get; set; } = 30;

    public int BotWindowSeconds { get; set; } = 60;

    /// <summary>Proxies (IP addresses or CIDR ranges) whose X-Forwarded-For is believed; none by default.</summary>
    public string[] TrustedProxies { get; set; } = [];
}
