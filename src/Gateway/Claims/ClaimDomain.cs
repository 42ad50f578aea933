using MicroEvents.Rejections;
using MicroEvents.Settlement;
using MicroEvents.Signatures.Challenges;

namespace MicroEvents.Gateway.Claims;

/// <summary>
/// The EIP-712 domain claims are signed under: the drops contract settlement uses (and its chain id) as
/// <c>verifyingContract</c>, so a signature made for another deployment or chain never verifies here.
/// <c>Claims:VerifyingContract</c> wins when set; with settlement off, the configured domain (zero address).
/// A deployed contract never changes, so its domain is asked for once and then kept.
/// </summary>
public sealed class ClaimDomain(ChallengeSettings settings, IGrainFactory grains)
{
    private ChallengeDomain? _settled;

    public async ValueTask<ChallengeDomain> Current()
    {
        if (_settled is { } known) return known;
        if (settings.VerifyingContract is not null) return _settled = settings.Domain;
        try
        {
            var view = await grains.GetGrain<ISettlementQueryGrain>(0).GetDropSettlement("-");
            var domain = settings.Domain with { ChainId = view.ChainId };
            // Not deployed yet (the settlement actor deploys one at its start): ask again next time.
            return view.Contract is { } contract ? _settled = domain with { VerifyingContract = contract } : domain;
        }
        catch (Rejected r) when (r.Code == SettlementRejectionCodes.SettlementOff)
        {
            return _settled = settings.Domain;
        }
    }
}
