using MicroEvents.Claims.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;

namespace MicroEvents.Claims;

/// <summary>
/// Pure decisions of a claim actor. A <c>false</c> result with events means "refused, but remember the
/// attempt" (a wrong code): the shell appends the events, then reports the refusal.
/// </summary>
public static class ClaimDecisions
{
    /// <summary>
    /// Records the intent of a custodial claim before its mint. <paramref name="mintedElsewhere"/>: the drop already
    /// holds a mint with this claim id that no custodial request of ours preceded (a self-custody claim): a claim id
    /// never changes custody kind, so that is a conflict, never adopted. A retry with the same key, email and tier
    /// changes nothing; anything else is a conflict too.
    /// </summary>
    public static Decision<bool, ClaimEvent> RequestCustody(ClaimState state, string ephemeralKey, string emailHash, string? tier,
        bool mintedElsewhere, DateTimeOffset now)
    {
        if (state.Requested || state.Escrowed)
            return SameKey(state.EphemeralKey, ephemeralKey) && state.EmailHash == emailHash && (!state.Requested || state.RequestedTier == tier)
                ? Decision<bool, ClaimEvent>.Unchanged(false)
                : throw new Rejected(ClaimRejectionCodes.ClaimKeyConflict, "This claim id is already in custody for another key, email or tier.");
        if (mintedElsewhere)
            throw new Rejected(ClaimRejectionCodes.ClaimKeyConflict, "This claim id was already minted as a self-custody claim; it can never become a custodial one.");
        return new(true, [new CustodyRequested(ephemeralKey, emailHash, tier, now)]);
    }

    public static Decision<bool, ClaimEvent> Escrow(ClaimState state, long tokenNumber, string ephemeralKey, string emailHash,
        string codeHash, DateTimeOffset now, EscrowTerms terms)
    {
        if (state.Escrowed)
            return SameKey(state.EphemeralKey, ephemeralKey) && state.EmailHash == emailHash
                ? Decision<bool, ClaimEvent>.Unchanged(false)
                : throw new Rejected(ClaimRejectionCodes.ClaimKeyConflict, "This claim id is already in custody for another key or email.");
        return new(true, [new TokenEscrowed(tokenNumber, ephemeralKey, emailHash, codeHash, now, now + terms.Window, terms.UnconfirmedPolicy)]);
    }

    public static Decision<bool, ClaimEvent> Confirm(ClaimState state, bool codeMatches, string ephemeralSigner, DateTimeOffset now, int maxWrongCodes,
        TimeSpan? codeLock = null)
    {
        InCustody(state, now);
        if (state.Confirmed) return Decision<bool, ClaimEvent>.Unchanged(true);
        if (!SameKey(state.EphemeralKey, ephemeralSigner))
            throw new Rejected(ClaimRejectionCodes.NotTheEphemeralKey, "The confirmation was not signed by the key that claimed.");
        return Code(state, codeMatches, now, maxWrongCodes, codeLock) ?? new(true, [new CustodyConfirmed(now)]);
    }

    /// <summary>
    /// Hands the token to <paramref name="wallet"/>. <paramref name="unopenedVoucher"/>: the claim is an email-hash venue
    /// voucher held in custody whose claimant has not asked for a code yet. It is answered exactly as an opened one
    /// with a wrong code (counted, locking after <paramref name="maxWrongCodes"/>), so no answer tells whether some
    /// email opened it: the voucher's email is never confirmed to a guesser.
    /// </summary>
    public static Decision<bool, ClaimEvent> HandOff(ClaimState state, string wallet, CustodyProof proof, bool codeMatches,
        DateTimeOffset now, int maxWrongCodes, bool unopenedVoucher = false, TimeSpan? codeLock = null)
    {
        if (unopenedVoucher && !state.Escrowed) return NoCodeMailedYet(state, proof, now, maxWrongCodes, codeLock);
        if (!state.Escrowed) throw NotCustodial();
        if (state.HandedOffTo is { } earlier)
            return SameKey(earlier, wallet)
                ? Decision<bool, ClaimEvent>.Unchanged(true)
                : throw new Rejected(ClaimRejectionCodes.AlreadyHandedOff, "The token was already handed off to another wallet.");
        InCustody(state, now);

        if (proof.EphemeralSigner is { } signer)
            return SameKey(state.EphemeralKey, signer)
                ? new(true, [new TokenHandedOff(wallet, "ephemeral-key", now)])
                : throw new Rejected(ClaimRejectionCodes.NotTheEphemeralKey, "The hand-off was not signed by the key that claimed.");
        if (proof.Code is null)
            throw new Rejected(RejectionCodes.ValidationFailed, "A hand-off needs the ephemeral key's signature or the mailed code.",
                new Dictionary<string, string[]> { ["ephemeralSignature"] = ["or code is required"] });
        return Code(state, codeMatches, now, maxWrongCodes, codeLock) ?? new(true, [new TokenHandedOff(wallet, "email-code", now)]);
    }

    // What an opened voucher claim (no ephemeral key, a code mailed to someone else) answers to the same proof.
    private static Decision<bool, ClaimEvent> NoCodeMailedYet(ClaimState state, CustodyProof proof, DateTimeOffset now, int maxWrongCodes,
        TimeSpan? codeLock)
    {
        if (proof.EphemeralSigner is not null)
            throw new Rejected(ClaimRejectionCodes.NotTheEphemeralKey, "The hand-off was not signed by the key that claimed.");
        if (proof.Code is null)
            throw new Rejected(RejectionCodes.ValidationFailed, "A hand-off needs the ephemeral key's signature or the mailed code.",
                new Dictionary<string, string[]> { ["ephemeralSignature"] = ["or code is required"] });
        return Code(state, codeMatches: false, now, maxWrongCodes, codeLock)!.Value;
    }

    /// <summary>Codes mailed to one claim within <see cref="CodeMailWindow"/> at most; more are silently not sent (the answer stays 202).</summary>
    public const int MaxCodeMailsPerHour = 5;

    public static readonly TimeSpan CodeMailWindow = TimeSpan.FromHours(1);

    public static Decision<bool, ClaimEvent> ReissueCode(ClaimState state, bool emailMatches, string codeHash, DateTimeOffset now)
    {
        if (!state.Escrowed || state.HandedOffTo is not null || state.EscrowOutcome == EscrowOutcomes.Released || Lapsed(state, now) || !emailMatches)
            return Decision<bool, ClaimEvent>.Unchanged(false);
        // A mailbox is not flooded through us: only the claim's own address gets here, and only so often.
        if (MailedTooOften(state, now)) return Decision<bool, ClaimEvent>.Unchanged(false);
        return new(true, [new ConfirmationCodeIssued(codeHash, now, KeepsWrongCodes: true)]);
    }

    /// <summary>
    /// The claimant of an email-hash venue voucher asks for a code: when the email they sent hashes (SHA-256 of the
    /// trimmed, lower-cased address, the voucher's own rule) to the voucher's hash, its token, held in the drop's custody,
    /// becomes this claim's custody and the first code is mailed; otherwise nothing happens and nothing is said.
    /// </summary>
    public static Decision<bool, ClaimEvent> OpenVoucherCustody(ClaimState state, Venues.RedeemedVoucher? voucher, bool emailMatchesVoucher,
        string emailHash, string custodian, string codeHash, DateTimeOffset now)
    {
        if (state.Escrowed || state.Requested || voucher?.EmailHash is null || !emailMatchesVoucher) return Decision<bool, ClaimEvent>.Unchanged(false);
        return new(true, [new VoucherCustodyOpened(voucher.NodeId, voucher.VoucherId, voucher.TokenNumber, custodian, emailHash, now),
            new ConfirmationCodeIssued(codeHash, now, KeepsWrongCodes: true)]);
    }

    private static bool MailedTooOften(ClaimState state, DateTimeOffset now) =>
        state.CodeWindowStart is { } start && now - start < CodeMailWindow && state.CodesInWindow >= MaxCodeMailsPerHour;

    /// <summary>
    /// At or after <see cref="ClaimState.EscrowUntil"/>, an open escrow ends: a confirmed token stays in custody;
    /// an unconfirmed one stays too under the drop's <c>keep</c> policy and goes back to the drop under <c>release</c>
    /// (the shell gives it back to the drop first: see <see cref="Releases"/>).
    /// </summary>
    public static Decision<bool, ClaimEvent> EndEscrow(ClaimState state, DateTimeOffset now)
    {
        if (!state.EscrowOpen || now < state.EscrowUntil) return Decision<bool, ClaimEvent>.Unchanged(false);
        return new(true, [new EscrowEnded(Releases(state, now) ? EscrowOutcomes.Released : EscrowOutcomes.Kept, now)]);
    }

    /// <summary>
    /// An operator ends an open escrow now, under the claim's own policy: an unconfirmed token under <c>release</c>
    /// goes back to the drop (the shell gives it back first: see <see cref="ReleasesEarly"/>), anything else is kept.
    /// An escrow already over changes nothing; a claim that never was in custody is refused.
    /// </summary>
    public static Decision<bool, ClaimEvent> EndEscrowEarly(ClaimState state, DateTimeOffset now, string by)
    {
        if (!state.Escrowed) throw NotCustodial();
        if (!state.EscrowOpen) return Decision<bool, ClaimEvent>.Unchanged(false);
        return new(true, [new EscrowEnded(ReleasesEarly(state) ? EscrowOutcomes.Released : EscrowOutcomes.Kept, now, EscrowEnded.EndedByOperator, by)]);
    }

    /// <summary>Whether an operator's early end gives the token back to the drop.</summary>
    public static bool ReleasesEarly(ClaimState state) =>
        state.EscrowOpen && !state.Confirmed && state.UnconfirmedPolicy == Drops.CustodyRules.Release;

    /// <summary>Whether ending the escrow now gives the token back to the drop.</summary>
    public static bool Releases(ClaimState state, DateTimeOffset now) =>
        state.EscrowOpen && now >= state.EscrowUntil && Lapsed(state, now);

    // Unconfirmed past the window under the release policy: the token is (about to be) the drop's again, so the
    // code path is closed even before the reminder has recorded the end.
    private static bool Lapsed(ClaimState state, DateTimeOffset now) =>
        !state.Confirmed && state.UnconfirmedPolicy == Drops.CustodyRules.Release && now >= state.EscrowUntil;

    // Only time lifts a lock (see CodeLock): a new code neither ends it nor restarts the count, so no answer depends on
    // which email was asked for. Once a lock has passed, the count starts again.
    private static Decision<bool, ClaimEvent>? Code(ClaimState state, bool codeMatches, DateTimeOffset now, int maxWrongCodes, TimeSpan? codeLock)
    {
        var lockFor = codeLock ?? CodeLock.DefaultDuration;
        var lockedUntil = CodeLock.Until(state, maxWrongCodes, lockFor);
        if (lockedUntil is { } until && now < until) throw CodeLock.Locked(until, now, maxWrongCodes, lockFor);
        if (codeMatches) return null;
        var wrong = (lockedUntil is null ? state.WrongCodes : 0) + 1;
        return new(false, [new ConfirmationCodeRejected(now, wrong, wrong >= maxWrongCodes ? now + lockFor : null)]);
    }

    private static void InCustody(ClaimState state, DateTimeOffset now)
    {
        if (!state.Escrowed) throw NotCustodial();
        if (state.HandedOffTo is not null) throw new Rejected(ClaimRejectionCodes.AlreadyHandedOff, "The token was already handed off.");
        if (state.EscrowOutcome == EscrowOutcomes.Released || Lapsed(state, now)) throw new Rejected(ClaimRejectionCodes.TokenReleased, "The escrow ended unconfirmed; the token went back to the drop.");
    }

    private static Rejected NotCustodial() =>
        new(ClaimRejectionCodes.NotCustodial, "This claim is not held in custody.");

    private static bool SameKey(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
