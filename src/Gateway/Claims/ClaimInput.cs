using MicroEvents.Drops;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Challenges;
using MicroEvents.Wallets;

namespace MicroEvents.Gateway.Claims;

/// <summary>Request checks shared by the claim routes: junk ids never activate an actor.</summary>
static class ClaimInput
{
    public static string Wallet(string? input) =>
        WalletAddress.TryNormalize(input, out var wallet)
            ? wallet
            : throw new Rejected(RejectionCodes.InvalidWallet, "The wallet must be 0x + 40 hex digits (mixed case must pass EIP-55).");

    public static IDropGrain Drop(IGrainFactory grains, string id) =>
        DropId.IsValid(id) ? grains.GetGrain<IDropGrain>(id) : throw new Rejected(RejectionCodes.DropNotFound, $"No drop '{id}'.");

    /// <summary>Claim ids of custodial claims are challenge nonces: anything else names no claim actor.</summary>
    public static string CustodialClaimId(string claimId) =>
        ChallengeNonce.TryParse(claimId, out var nonce) && nonce.ToString() == claimId
            ? claimId
            : throw new Rejected(RejectionCodes.ClaimNotFound, $"No custodial claim '{claimId}'.");
}
