using System.Text.RegularExpressions;
using MicroEvents.Gateway.Drops;
using MicroEvents.Rejections;
using MicroEvents.Throttles;
using MicroEvents.Throttles.Events;
using Microsoft.Extensions.Options;

namespace MicroEvents.Gateway.Limits;

/// <summary>
/// In front of every claim: a per-address and a per-wallet window on the drop, then the bot throttle
/// (one address, many distinct wallets). Refusals are 429 and reach no actor, except that the first
/// bot refusal of a window is recorded on the drop's throttle stream for analysts. The address and wallet
/// windows are counted once per cluster (<see cref="ClusterWindows"/>); the bot signal is per gateway.
/// </summary>
public sealed partial class ClaimGuard(ClusterWindows windows, WalletSpread spread, DropLimits dropLimits, IOptions<LimitOptions> options,
    IGrainFactory grains, ILogger<ClaimGuard> log) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var limits = options.Value;
        var http = context.HttpContext;
        if (!limits.Enabled || http.GetRouteValue("id") is not string dropId) return await next(context);

        // The drop's manifest may set its own limits; the gateway's configuration gives the rest.
        var own = await dropLimits.Of(dropId);
        var perIp = own?.ClaimsPerIpPerMinute ?? limits.ClaimsPerIpPerMinute;
        var perWallet = own?.ClaimsPerWalletPerMinute ?? limits.ClaimsPerWalletPerMinute;
        var walletsPerIp = own?.WalletsPerIpPerWindow ?? limits.WalletsPerIpPerWindow;

        var client = ClientAddress.Of(http);
        var (admitted, wait) = await windows.TryTake($"claim-ip|{dropId}|{client}", perIp, Minute);
        if (!admitted)
            return TooManyRequests.Result(http, RejectionCodes.RateLimited, "Too many claims from your address; retry later.", wait);

        // Only well-formed wallets are counted: anything else is refused by the drop without a trace.
        var wallet = context.Arguments.OfType<IClaimBody>().FirstOrDefault()?.Wallet;
        if (wallet is null || !WalletShape().IsMatch(wallet)) return await next(context);
        var walletKey = wallet.ToLowerInvariant();

        (admitted, wait) = await windows.TryTake($"claim-wallet|{dropId}|{walletKey}", perWallet, Minute);
        if (!admitted)
            return TooManyRequests.Result(http, RejectionCodes.RateLimited, "Too many claims for this wallet; retry later.", wait);

        var window = TimeSpan.FromSeconds(Math.Max(1, limits.BotWindowSeconds));
        var verdict = spread.Observe(dropId, client, walletKey, walletsPerIp, window);
        if (!verdict.Refused) return await next(context);

        if (verdict.FirstRefusalInWindow)
        {
            log.LogWarning("Throttled claims on drop {DropId} from {Client}: {Wallets} distinct wallets within {Seconds}s",
                dropId, client, verdict.DistinctWallets, window.TotalSeconds);
            await grains.GetGrain<IClaimThrottleGrain>(dropId).Record(new ClaimsThrottled(dropId, client, verdict.DistinctWallets,
                walletsPerIp, (int)window.TotalSeconds, DateTimeOffset.UtcNow));
        }
        return TooManyRequests.Result(http, RejectionCodes.ChallengeRequired,
            "Claims for many different wallets from one address look automated; retry later from the attendee's own device.", window);
    }

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")] private static partial Regex WalletShape();
}
