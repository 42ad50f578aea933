using MicroEvents.EventSourcing;
using Orleans.Concurrency;

namespace MicroEvents.Claims;

/// <summary>
/// One claim's life after the mint, keyed <see cref="ClaimKey"/> (<c>{dropId}/{claimId}</c>): custody in
/// escrow, its confirmation by email code, hand-off to the claimant's own wallet, escrow expiry.
/// Self-custody claims need no events here: their status comes from the drop, the source of truth.
/// </summary>
public interface IClaimGrain : IGrainWithStringKey, IJournaledActor
{
    /// <summary>Mints into escrow for an ephemeral key and mails a one-time code; a retry returns the same status.</summary>
    Task<CustodyOutcome> ClaimIntoCustody(CustodialClaim claim);

    /// <summary>Confirms custody: the mailed code plus the ephemeral key (<paramref name="ephemeralSigner"/>, recovered by the gateway).</summary>
    Task<ClaimStatus> Confirm(string code, string ephemeralSigner);

    /// <summary>
    /// Mails a fresh code when <paramref name="email"/> is the claim's address: the way back when the phone is lost. Answers
    /// once the address's form is checked, before anything depends on whether it matches (<see cref="MailCodeIfAddressed"/>
    /// follows), so no answer and no answer time tells a matching address from another.
    /// </summary>
    Task RequestCode(string email);

    /// <summary>The work of <see cref="RequestCode"/> after its answer; the claim sends it to itself, one way, so nobody waits for it.</summary>
    [OneWay]
    Task MailCodeIfAddressed(string email);

    /// <summary>Hands the token to <paramref name="wallet"/> (already proven by its signature) on the ephemeral key's or the code's say-so.</summary>
    Task<ClaimStatus> HandOff(string wallet, CustodyProof proof);

    Task<ClaimStatus> GetStatus();

    /// <summary>Ends escrow now if it is due by the clock; what the reminder calls, callable by operators and tests.</summary>
    Task<ClaimStatus> CheckEscrow();

    /// <summary>
    /// An operator ends an open escrow now under the claim's own policy (<c>release</c> gives an unconfirmed token back
    /// to the drop, else it is kept), recorded with <paramref name="by"/>; an ended escrow answers the same again;
    /// <c>not-custodial</c> for a claim never in custody.
    /// </summary>
    Task<ClaimStatus> EndEscrowEarly(string by);
}
