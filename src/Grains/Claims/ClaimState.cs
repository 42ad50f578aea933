using MicroEvents.Claims.Events;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims;

/// <summary>The fold of a claim's stream. Empty (<see cref="Escrowed"/> false) for self-custody claims.</summary>
[GenerateSerializer, Immutable]
public sealed record ClaimState(
    [property: Id(0)] bool Escrowed,
    [property: Id(1)] long TokenNumber,
    [property: Id(2)] string EphemeralKey,
    [property: Id(3)] string EmailHash,
    [property: Id(4)] string CodeHash,
    [property: Id(5)] int WrongCodes,
    [property: Id(6)] bool Confirmed,
    [property: Id(7)] DateTimeOffset? EscrowUntil,
    [property: Id(8)] string? EscrowOutcome,
    [property: Id(9)] string? HandedOffTo,
    [property: Id(10)] string UnconfirmedPolicy,
    [property: Id(11)] bool Requested = false,
    [property: Id(12)] string? RequestedTier = null,
    [property: Id(13)] string? VoucherCustodian = null,
    [property: Id(14)] DateTimeOffset? CodeWindowStart = null,
    [property: Id(15)] int CodesInWindow = 0,
    [property: Id(16)] DateTimeOffset? CodesLockedUntil = null,
    [property: Id(17)] DateTimeOffset? LastWrongCodeAt = null) : IEventFold<ClaimState, ClaimEvent>
{
    public static ClaimState Initial => new(false, 0, "", "", "", 0, false, null, null, null, "keep");

    public ClaimState Apply(ClaimEvent e) => e switch
    {
        CustodyRequested x => this with { Requested = true, EphemeralKey = x.EphemeralKey, EmailHash = x.EmailHash, RequestedTier = x.Tier },
        TokenEscrowed x => (this with
        {
            Escrowed = true, TokenNumber = x.TokenNumber, EphemeralKey = x.EphemeralKey, EmailHash = x.EmailHash,
            CodeHash = x.CodeHash, EscrowUntil = x.EscrowUntil, UnconfirmedPolicy = x.UnconfirmedPolicy,
        }).CodeMailed(x.EscrowedAt),
        // In custody for good (no escrow window, nothing to confirm): the voucher was the claim, the email proves the claimant.
        VoucherCustodyOpened x => this with
        {
            Escrowed = true, Confirmed = true, TokenNumber = x.TokenNumber, EmailHash = x.EmailHash, VoucherCustodian = x.Custodian,
        },
        // Codes issued before the lock was lifted only by time restarted the count; since, the count carries on.
        ConfirmationCodeIssued x => (this with { CodeHash = x.CodeHash, WrongCodes = x.KeepsWrongCodes == true ? WrongCodes : 0 }).CodeMailed(x.IssuedAt),
        ConfirmationCodeRejected x => this with
        {
            WrongCodes = x.WrongCodes ?? WrongCodes + 1, CodesLockedUntil = x.LockedUntil ?? CodesLockedUntil, LastWrongCodeAt = x.At,
        },
        CustodyConfirmed => this with { Confirmed = true },
        TokenHandedOff x => this with { HandedOffTo = x.Wallet },
        // Ended early by an operator: the window closes then (by the clock EndedAt is at or after it, so nothing moves).
        EscrowEnded x => this with { EscrowOutcome = x.Outcome, EscrowUntil = EscrowUntil is { } until && x.EndedAt < until ? x.EndedAt : EscrowUntil },
        _ => this,
    };

    public Custody Custody =>
        HandedOffTo is not null ? Custody.HandedOff
        : EscrowOutcome == EscrowOutcomes.Released ? Custody.Released
        : Confirmed || EscrowOutcome == EscrowOutcomes.Kept ? Custody.Custodial
        : Custody.Escrow;

    /// <summary>Escrow is over once it ended by the clock or the token left custody; a voucher's custody has no escrow window.</summary>
    public bool EscrowOpen => Escrowed && EscrowUntil is not null && EscrowOutcome is null && HandedOffTo is null;

    /// <summary>Who holds the token now: the wallet it was handed to, the voucher's custodian, or the ephemeral key.</summary>
    public string Holder => HandedOffTo ?? VoucherCustodian ?? EphemeralKey;

    /// <summary>Codes mailed in the current hour-long window (see <see cref="ClaimDecisions.MaxCodeMailsPerHour"/>).</summary>
    private ClaimState CodeMailed(DateTimeOffset at) =>
        CodeWindowStart is { } start && at - start < ClaimDecisions.CodeMailWindow
            ? this with { CodesInWindow = CodesInWindow + 1 }
            : this with { CodeWindowStart = at, CodesInWindow = 1 };
}

public static class EscrowOutcomes
{
    public const string Kept = "kept";
    public const string Released = "released";
}
