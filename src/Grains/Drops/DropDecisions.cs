using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts;
using MicroEvents.Receipts.Events;
using MicroEvents.Rejections;
using MicroEvents.Text;
using MicroEvents.Wallets;

namespace MicroEvents.Drops;

/// <summary>
/// A drop's rules as pure decisions: state and command in, events and answer out, or a
/// <see cref="Rejected"/>. No I/O, no clock of their own, so they are tested without a cluster.
/// </summary>
public static class DropDecisions
{
    public const int MaxClaimIdLength = ClientText.MaxIdLength;

    /// <summary>
    /// Creates the drop. Sending the same manifest again (a retry whose reply was lost) changes nothing
    /// and answers <c>false</c>; a different manifest for an existing id is <c>drop-exists</c>.
    /// </summary>
    public static Decision<bool, DropEvent> Create(DropState state, CreateDrop command, DateTimeOffset now, string? by = null)
    {
        var created = ManifestRules.Validate(command, now);
        var fallback = command.Contingency is null ? null : ManifestRules.Contingency(created, command.Contingency, now, by);
        if (state.Manifest is null) return new(true, fallback is null ? [created with { By = by }] : [created with { By = by }, fallback]);
        // A retry names the fallback in force (or none); another fallback is another manifest.
        if (state.Manifest.ManifestHash == created.ManifestHash
            && (fallback is null || fallback.ManifestHash == state.Contingency?.Fallback.ManifestHash))
            return Decision<bool, DropEvent>.Unchanged(false);
        throw new Rejected(RejectionCodes.DropExists, $"Drop '{state.Manifest.DropId}' already exists with another manifest.");
    }

    // Asking for the phase a drop is already in is a retry, not a conflict: it changes nothing and answers false.
    public static Decision<bool, DropEvent> Open(DropState state, DateTimeOffset now, string? by = null) =>
        Existing(state).Phase switch
        {
            DropPhase.Draft => new(true, [new DropOpened(now, by)]),
            DropPhase.Paused => new(true, [new DropResumed(now, by)]),
            DropPhase.Open => Decision<bool, DropEvent>.Unchanged(false),
            var phase => throw InvalidTransition(phase, "open"),
        };

    public static Decision<bool, DropEvent> Pause(DropState state, DateTimeOffset now, string? by = null) =>
        Existing(state).Phase switch
        {
            DropPhase.Open => new(true, [new DropPaused(now, by)]),
            DropPhase.Paused => Decision<bool, DropEvent>.Unchanged(false),
            var phase => throw InvalidTransition(phase, "pause"),
        };

    public static Decision<bool, DropEvent> Close(DropState state, DateTimeOffset now, string? by = null) =>
        Existing(state).Phase switch
        {
            DropPhase.Draft or DropPhase.Open or DropPhase.Paused => new(true, [new DropClosed(now, by), .. QuotaDecisions.ReturnAll(state, now)]),
            DropPhase.Closed => Decision<bool, DropEvent>.Unchanged(false),
            var phase => throw InvalidTransition(phase, "close"),
        };

    /// <summary>
    /// Mints the next token, or replays the receipt of an earlier claim with the same id. The checks
    /// run in the order a client can act on: malformed input, retry, drop state, window, supply, limit.
    /// </summary>
    public static Decision<ClaimOutcome, DropEvent> Claim(DropState state, ClaimToken claim, DateTimeOffset now)
    {
        var drop = Existing(state).Manifest!;
        var checks = new ClientText.Checks();
        if (checks.Text("claimId", claim.ClaimId, MaxClaimIdLength) && string.IsNullOrWhiteSpace(claim.ClaimId))
            checks.Fail("claimId", $"is required, at most {MaxClaimIdLength} characters");
        // A missing wallet is a missing field (validation-failed naming it), not a malformed address.
        if (checks.Text("wallet", claim.Wallet, ClientText.MaxIdLength) && claim.Wallet is null) checks.Fail("wallet", "is required");
        checks.Text("tier", claim.Tier, ManifestRules.MaxTierNameLength);
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The claim is invalid.", checks.Errors);
        if (!WalletAddress.TryNormalize(claim.Wallet, out var wallet))
            throw new Rejected(RejectionCodes.InvalidWallet,
                $"'{claim.Wallet}' is not a wallet address: 0x + 40 hex digits, EIP-55 checksummed if mixed case.");
        string? custodian = null;
        if (claim.Custodian is not null && !WalletAddress.TryNormalize(claim.Custodian, out custodian))
            throw new Rejected(RejectionCodes.InvalidWallet, "The custody account is not an address.");

        var tierIndex = state.TierIndex(claim.Tier);
        if (state.Claims.TryFind(claim.ClaimId, out var earlier))
        {
            if (!state.Holds(earlier)) throw Released(claim.ClaimId);
            var receipt = state.Receipt(earlier);
            var sameTier = claim.Tier is null ? receipt.Tier is null : tierIndex >= 0 && drop.Tiers[tierIndex].Name == receipt.Tier;
            if (receipt.Wallet != wallet || !sameTier)
                throw new Rejected(RejectionCodes.ClaimIdConflict, $"Claim '{claim.ClaimId}' was already used for another wallet or tier.");
            return Decision<ClaimOutcome, DropEvent>.Unchanged(new ClaimOutcome(receipt, Replayed: true));
        }

        switch (state.Phase)
        {
            case DropPhase.Draft: throw new Rejected(RejectionCodes.DropNotOpen, $"Drop '{drop.DropId}' is not open yet.");
            case DropPhase.Paused: throw new Rejected(RejectionCodes.DropPaused, $"Drop '{drop.DropId}' is paused.");
            case DropPhase.Closed: throw new Rejected(RejectionCodes.DropClosed, $"Drop '{drop.DropId}' is closed.");
        }
        if (drop.StartsAt is { } starts && now < starts)
            throw new Rejected(RejectionCodes.ClaimWindowNotStarted, $"Claiming opens at {starts:O}.");
        if (drop.EndsAt is { } ends && now >= ends)
            throw new Rejected(RejectionCodes.ClaimWindowEnded, $"Claiming ended at {ends:O}.");
        if (claim.Tier is not null && tierIndex < 0)
            throw new Rejected(RejectionCodes.TierNotFound, $"Drop '{drop.DropId}' has no tier '{claim.Tier}'.");
        if (state.Pool.Available - state.Quotas.Reserved <= 0)
            throw new Rejected(RejectionCodes.SoldOut, $"All {drop.Supply} tokens of '{drop.DropId}' are claimed.");

        if (tierIndex >= 0)
        {
            if (state.TierMinted[tierIndex] >= drop.Tiers[tierIndex].Allocation)
                throw new Rejected(RejectionCodes.TierSoldOut, $"Tier '{drop.Tiers[tierIndex].Name}' is sold out.");
        }
        else if (QuotaDecisions.UntieredAvailable(state) <= 0)
        {
            throw new Rejected(RejectionCodes.SoldOut, "No untiered tokens remain; claim from a tier.");
        }

        if (state.HeldBy(wallet) >= drop.PerWalletLimit)
            throw new Rejected(RejectionCodes.WalletLimitReached, $"Wallet {wallet} already holds {drop.PerWalletLimit} token(s) of this drop.");

        var tier = tierIndex >= 0 ? drop.Tiers[tierIndex].Name : null;
        var minted = new TokenMinted(claim.ClaimId, state.Pool.Next, wallet, tier, now, custodian, state.FallbackInForce);
        var result = new ClaimReceipt(minted.ClaimId, drop.DropId, minted.TokenNumber, wallet, tier, now, minted.ManifestHash ?? drop.ManifestHash);
        return new(new ClaimOutcome(result, Replayed: false), [minted]);
    }

    /// <summary>
    /// Gives a claim's token back to the drop (its custodial escrow ended unconfirmed under the release
    /// policy); the next claim receives that number first. Releasing again changes nothing.
    /// </summary>
    public static Decision<bool, DropEvent> Release(DropState state, string claimId, DateTimeOffset now)
    {
        Existing(state);
        if (!state.Claims.TryFind(claimId, out var ordinal))
            throw new Rejected(RejectionCodes.ClaimNotFound, $"No claim '{claimId}' on this drop.");
        if (!state.Holds(ordinal)) return Decision<bool, DropEvent>.Unchanged(false);
        return new(true, [new TokenReleased(claimId, state.Claims[(int)ordinal - 1].TokenNumber, now)]);
    }

    /// <summary>
    /// Records signed receipt roots. Idempotent by batch range: a batch at or below what is already sealed
    /// (a sealer's retry, or two sealers racing) changes nothing, so each append is sealed exactly once.
    /// </summary>
    public static Decision<int, DropEvent> RecordSeals(DropState state, IReadOnlyList<BatchSealed> seals)
    {
        Existing(state);
        var through = state.Sealed.Through;
        var fresh = new List<DropEvent>();
        foreach (var seal in seals.OrderBy(s => s.FromVersion))
        {
            if (seal.FromVersion <= through || seal.ToVersion < seal.FromVersion || seal.Mints < 1) continue;
            fresh.Add(seal);
            through = seal.ToVersion;
        }
        return fresh.Count == 0 ? Decision<int, DropEvent>.Unchanged(0) : new(fresh.Count, fresh);
    }

    /// <summary>A held claim with its sealed batch, if sealed yet.</summary>
    public static SealedClaim Sealed(DropState state, string claimId)
    {
        var receipt = HeldClaim(state, claimId);
        state.Claims.TryFind(claimId, out var ordinal);
        return new SealedClaim(receipt, state.Sealed.Of(ordinal));
    }

    /// <summary>The receipt of a claim that still holds its token; <c>claim-not-found</c> or <c>token-released</c> otherwise.</summary>
    public static ClaimReceipt HeldClaim(DropState state, string claimId)
    {
        Existing(state);
        if (!state.Claims.TryFind(claimId, out var ordinal))
            throw new Rejected(RejectionCodes.ClaimNotFound, $"No claim '{claimId}' on this drop.");
        return state.Holds(ordinal) ? state.Receipt(ordinal) : throw Released(claimId);
    }

    private static Rejected Released(string claimId) =>
        new(Claims.ClaimRejectionCodes.TokenReleased, $"Claim '{claimId}' ended unconfirmed; its token went back to the drop.");

    /// <summary>The state of a created drop, or <c>drop-not-found</c>.</summary>
    public static DropState Existing(DropState state) =>
        state.Manifest is null ? throw new Rejected(RejectionCodes.DropNotFound, "No such drop.") : state;

    private static Rejected InvalidTransition(DropPhase from, string action) =>
        new(RejectionCodes.InvalidTransition, $"A {from.ToString().ToLowerInvariant()} drop cannot {action}.");
}
