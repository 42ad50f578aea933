using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MicroEvents.Claims;

/// <summary>
/// The account that holds custodial tokens on chain: the settlement signer, or none when settlement is off (the
/// receipt leaf then names the ephemeral key, and only that key can hand the token off on chain). A custodial
/// mint names it as the leaf's holder, so the contract lets it hand off exactly the tokens it holds and no wallet's.
/// Email-hash venue vouchers are custodial mints too: their leaves name it as well, so settlement can deliver them.
/// </summary>
public sealed record CustodyAccount(string? Address);

public static class CustodyAccountServices
{
    /// <summary>Claims and venues both mint into custody; whichever registers first, there is one account.</summary>
    public static IServiceCollection AddCustodyAccount(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new CustodyAccount(sp.GetService<Settlement.Chain.AnchorChain>()?.Signer));
        return services;
    }
}
