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
    [property: Id(12)] string? RequestedTier = null) : IEventFold<ClaimState, ClaimEvent>
{
    public static ClaimState Initial => new(false, 0, "", "", "", 0, false, null, null, null, "keep");

    public ClaimState Apply(ClaimEvent e) => e switch
    {
        CustodyRequested x => this with { Requested = true, EphemeralKey = x.EphemeralKey, EmailHash = x.EmailHash, RequestedTier = x.Tier },
        TokenEscrowed x => this with
        {
            Escrowed = true, TokenNumber = x.TokenNumber, EphemeralKey = x.EphemeralKey, EmailHash = x.EmailHash,
            CodeHash = x.CodeHash, EscrowUntil = x.EscrowUntil, UnconfirmedPolicy = x.UnconfirmedPolicy,
        },
        ConfirmationCodeIssued x => this with { CodeHash = x.CodeHash, WrongCodes = 0 },
        ConfirmationCodeRejected => this with { WrongCodes = WrongCodes + 1 },
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

    /// <summary>Escrow is over once it ended by the clock or the token left custody.</summary>
    public bool EscrowOpen => Escrowed && EscrowOutcome is null && HandedOffTo is null;
}

public static class EscrowOutcomes
{
    public const string Kept = "kept";
    public const string Released = "released";
}
