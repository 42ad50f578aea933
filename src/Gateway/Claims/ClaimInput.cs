using MicroEvents.Claims;
using MicroEvents.Drops;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Challenges;
using MicroEvents.Signatures.Custody;
using MicroEvents.Text;
using MicroEvents.Wallets;

namespace MicroEvents.Gateway.Claims;

/// <summary>Request checks shared by the claim routes: junk ids never activate an actor.</summary>
static class ClaimInput
{
    /// <summary>At most the longest tier name a manifest may hold.</summary>
    public const int MaxTierLength = 64;

    public static string Wallet(string? input) =>
        WalletAddress.TryNormalize(input, out var wallet)
            ? wallet
            : throw new Rejected(RejectionCodes.InvalidWallet, "The wallet must be 0x + 40 hex digits (mixed case must pass EIP-55).");

    public static IDropGrain Drop(IGrainFactory grains, string id) =>
        grains.GetGrain<IDropGrain>(DropId.Existing(id));

    /// <summary>
    /// Claim ids of custodial claims are challenge nonces, or <c>voucher:{node}:{voucherId}</c> for a venue voucher minted
    /// into the drop's custody (claimed out by email): anything else names no claim actor.
    /// </summary>
    public static string CustodialClaimId(string claimId) =>
        (ChallengeNonce.TryParse(claimId, out var nonce) && nonce.ToString() == claimId) || MicroEvents.Venues.VoucherId.TryParseClaimId(claimId, out _, out _)
            ? claimId
            : throw new Rejected(RejectionCodes.ClaimNotFound, $"No custodial claim '{claimId}'.");

    /// <summary>The tier as signed ("" untiered); the drop decides later whether it exists.</summary>
    public static string? Tier(string? tier) =>
        tier is null || ClientText.IsValid(tier, MaxTierLength)
            ? tier
            : throw new Rejected(RejectionCodes.ValidationFailed, "The tier is invalid.",
                new Dictionary<string, string[]> { ["tier"] = [$"must be clean text of at most {MaxTierLength} characters"] });

    /// <summary>
    /// The signed hash of a custodial claim's email (<see cref="ClaimEmail.Hash"/>); the claim actor checks the address
    /// fully (RFC 5322) before mailing. Refuses what can never be an address before any signature is checked.
    /// </summary>
    public static string EmailHash(string? email)
    {
        var trimmed = email?.Trim();
        var at = trimmed?.IndexOf('@') ?? -1;
        if (trimmed is null || !ClientText.IsValid(trimmed, 254) || at <= 0 || at == trimmed.Length - 1 || trimmed.Any(char.IsWhiteSpace))
            throw new Rejected(ClaimRejectionCodes.InvalidEmail, "The email must be one plain address such as name@example.com.");
        return ClaimEmail.Hash(trimmed);
    }

    public static ChallengeKind Kind(string? kind) =>
        kind is null ? ChallengeKind.SelfCustody
        : ChallengeKinds.TryParse(kind, out var parsed) ? parsed
        : throw new Rejected(RejectionCodes.ValidationFailed, "Unknown challenge kind.",
            new Dictionary<string, string[]> { ["kind"] = ["must be self-custody, custodial or hand-off"] });
}
