using MicroEvents.Claims.Events;
using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Mail;
using MicroEvents.Rejections;
using MicroEvents.Venues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroEvents.Claims;

/// <summary>
/// The claim actor: a thin shell around <see cref="ClaimDecisions"/> on its own stream <c>claim/{drop}/{claimId}</c>.
/// It mints through the drop (idempotent by claim id), so a retry after any failure converges, and an
/// Orleans reminder ends the escrow by the clock even across silo restarts.
/// </summary>
public sealed class ClaimGrain(EventJournal journal, TimeProvider clock, ClaimSecrets secrets, MailOutbox outbox, IOptions<EscrowOptions> options,
    CustodyAccount custody, ILogger<ClaimGrain> log)
    : EventSourcedGrain<ClaimState, ClaimEvent>(journal, clock), IClaimGrain, IRemindable
{
    private const string EscrowReminder = "escrow";

    protected override string Kind => "claim";

    private string Key => this.GetPrimaryKeyString();
    private string DropId => ClaimKey.Parse(Key).DropId;
    private string ClaimId => ClaimKey.Parse(Key).ClaimId;
    private DateTimeOffset Now => Clock.GetUtcNow();
    private EscrowOptions Escrow => options.Value;

    // A reminder lost with a silo (in-memory service) is re-armed whenever the claim comes back.
    protected override async Task OnLoaded(ClaimState stored)
    {
        if (stored.EscrowOpen) await ScheduleEscrowCheck();
    }

    public async Task<CustodyOutcome> ClaimIntoCustody(CustodialClaim claim)
    {
        var email = CustodyEmail.Normalize(claim.Email);
        var emailHash = secrets.EmailHash(Key, email);
        await Loaded();
        if (Tentative.Escrowed)
        {
            ClaimDecisions.Escrow(Tentative, 0, claim.EphemeralKey, emailHash, "", Now, EscrowTerms.Of(null, Escrow));
            await WaitUntilStored(); // 2xx means durable: a retry waits, bounded, for a first attempt still in flight
            // The first attempt may have stored the escrow and then failed to arm its end (storage went away): arm it now.
            if (Confirmed.EscrowOpen) await ScheduleEscrowCheck();
            return new CustodyOutcome(Status(Confirmed), Replayed: true);
        }

        // Intent before the mint, so a retry after a lost reply adopts our own mint, while a mint of this id that
        // no request of ours preceded (a self-custody claim) is refused: a claim id never changes custody kind.
        var drop = GrainFactory.GetGrain<IDropGrain>(DropId);
        var mintedElsewhere = !Tentative.Requested && await Minted(drop);
        await Execute(s => ClaimDecisions.RequestCustody(s, claim.EphemeralKey, emailHash, claim.Tier, mintedElsewhere, Now));

        // On chain the custody account holds the token (the receipt leaf names it), so only it can hand the token off.
        var minted = await drop.Claim(new ClaimToken(ClaimId, claim.EphemeralKey, claim.Tier, custody.Address));
        var terms = EscrowTerms.Of(await drop.GetCustodyRules(), Escrow);
        // The mail is queued before the escrow that stores its code's hash, so a stored code always has its mail (queued
        // after, a failed outbox write left an escrow whose retry replayed it without any mail). The code is the claim's
        // own (derived, see FirstCode), so a retry after any failure queues the same mail again, never a code that
        // does not work.
        var code = secrets.FirstCode(Key);
        await Queue(CodeMail.For(DropId, ClaimId, email, code, Now, CodeMail.EscrowMailId(DropId, ClaimId)));
        var escrowed = await Execute(s => ClaimDecisions.Escrow(s, minted.Receipt.TokenNumber, claim.EphemeralKey, emailHash,
            secrets.CodeHash(Key, code), Now, terms));
        if (escrowed) await ScheduleEscrowCheck();
        return new CustodyOutcome(Status(Confirmed), Replayed: !escrowed);
    }

    private async Task<bool> Minted(IDropGrain drop)
    {
        try
        {
            await drop.GetClaim(ClaimId);
            return true;
        }
        catch (Rejected r) when (r.Code == RejectionCodes.ClaimNotFound)
        {
            return false;
        }
    }

    public async Task<ClaimStatus> Confirm(string code, string ephemeralSigner)
    {
        // A voucher has nothing to confirm: an opened one answers its status, so an unopened one answers the same.
        await Loaded();
        if (!Tentative.Escrowed && await HeldForVoucherClaimant()) return await GetStatus();
        var codeHash = secrets.CodeHash(Key, code);
        var ok = await Execute(s => ClaimDecisions.Confirm(s, secrets.Matches(s.CodeHash, codeHash), ephemeralSigner, Now, Escrow.MaxWrongCodes,
            Escrow.CodeLock));
        return ok ? Status(Confirmed) : throw WrongCode();
    }

    public async Task RequestCode(string email)
    {
        // Answered before anything depends on the email: its form is checked and the claim loaded (an outage is a 503
        // for every address alike), then the lookup, the store and the mail follow as the claim's next message. A
        // matching address did more work before its 202 and so came back measurably later than any other.
        var normalized = CustodyEmail.Normalize(email);
        await Loaded();
        this.AsReference<IClaimGrain>().MailCodeIfAddressed(normalized).Ignore();
    }

    public async Task MailCodeIfAddressed(string email)
    {
        try
        {
            await MailCode(email);
        }
        catch (Exception e)
        {
            // Nobody waits for this (the request was answered): the claimant asks again. The address is never logged.
            log.LogWarning("A code request for {Claim} was not carried out ({Error}); the claimant can ask again", Key, e.GetType().Name);
        }
    }

    private async Task MailCode(string normalized)
    {
        var emailHash = secrets.EmailHash(Key, normalized);
        var code = ClaimSecrets.NewCode();
        await Loaded();
        if (!Tentative.Escrowed && !Tentative.Requested && VoucherId.TryParseClaimId(ClaimId, out var nodeId, out var voucherId))
        {
            await OpenVoucherCustody(nodeId, voucherId, normalized, emailHash, code);
            return;
        }
        if (await Execute(s => ClaimDecisions.ReissueCode(s, secrets.Matches(s.EmailHash, emailHash), secrets.CodeHash(Key, code), Now)))
            await outbox.Enqueue(CodeMail.For(DropId, ClaimId, normalized, code, Now));
    }

    // An email-hash voucher's token sits in the drop's custody: the first code goes only to an address whose SHA-256
    // is the voucher's hash (the voucher's own rule), so no other address ever receives a code for it.
    private async Task OpenVoucherCustody(string nodeId, string voucherId, string email, string emailHash, string code)
    {
        var voucher = await GrainFactory.GetGrain<IVenueNodeGrain>(nodeId).GetRedeemedVoucher(DropId, voucherId);
        if (voucher?.EmailHash is null) { DeactivateOnIdle(); return; }
        var matches = secrets.Matches(voucher.EmailHash.ToLowerInvariant(), OfflineVouchers.EmailHash(email));
        if (!matches) { DeactivateOnIdle(); return; }
        // The drop's ledger says who holds the token now (the custodian it was minted to), and that it still does.
        var receipt = await GrainFactory.GetGrain<IDropGrain>(DropId).GetClaim(ClaimId);
        if (await Execute(s => ClaimDecisions.OpenVoucherCustody(s, voucher with { TokenNumber = receipt.TokenNumber }, matches, emailHash,
                receipt.Wallet, secrets.CodeHash(Key, code), Now)))
            await outbox.Enqueue(CodeMail.ForVoucher(DropId, ClaimId, email, code, Now));
    }

    public async Task<ClaimStatus> HandOff(string wallet, CustodyProof proof)
    {
        var codeHash = proof.Code is null ? "" : secrets.CodeHash(Key, proof.Code);
        await Loaded();
        var unopenedVoucher = !Tentative.Escrowed && await HeldForVoucherClaimant();
        var ok = await Execute(s => ClaimDecisions.HandOff(s, wallet, proof, proof.Code is not null && secrets.Matches(s.CodeHash, codeHash),
            Now, Escrow.MaxWrongCodes, unopenedVoucher, Escrow.CodeLock));
        return ok ? Status(Confirmed) : throw WrongCode();
    }

    public async Task<ClaimStatus> GetStatus()
    {
        var stored = await Stored();
        if (stored.Escrowed) return Status(Confirmed);
        // Asked for in custody but not (yet) minted into it: never shown as the drop's self-custody mint.
        if (stored.Requested) throw new Rejected(RejectionCodes.ClaimNotFound, "This custodial claim has no token (yet).");
        // Self-custody: nothing happened after the mint, so the drop's ledger is the whole story.
        var receipt = await GrainFactory.GetGrain<IDropGrain>(DropId).GetClaim(ClaimId);
        // An email-hash voucher's token waits in custody until its claimant claims it out by email.
        var custody = await HeldForVoucherClaimant() ? Custody.Custodial : Custody.SelfCustody;
        return new ClaimStatus(DropId, ClaimId, receipt.TokenNumber, receipt.Wallet, custody, true, null,
            ClaimGuidance.For(custody, DropId, ClaimId));
    }

    // This claim id is an email-hash venue voucher's, whose token the voucher minted into custody.
    private async Task<bool> HeldForVoucherClaimant() =>
        VoucherId.TryParseClaimId(ClaimId, out var nodeId, out var voucherId)
        && await GrainFactory.GetGrain<IVenueNodeGrain>(nodeId).GetRedeemedVoucher(DropId, voucherId) is { EmailHash: not null };

    public async Task<ClaimStatus> CheckEscrow()
    {
        // The drop gets the token back before the claim records it: if anything fails in between, the next
        // tick repeats both, and releasing twice changes nothing. The claim is not reentrant, so no confirmation
        // slips in between (and one that arrives after the window is refused by the decisions anyway).
        var now = Now;
        if (ClaimDecisions.Releases(await Stored(), now)) await GrainFactory.GetGrain<IDropGrain>(DropId).ReleaseToken(ClaimId);
        await Execute(s => ClaimDecisions.EndEscrow(s, now));
        if (!Confirmed.EscrowOpen) await StopEscrowChecks();
        return Confirmed.Escrowed ? Status(Confirmed) : await GetStatus();
    }

    public async Task<ClaimStatus> EndEscrowEarly(string by)
    {
        // As at the end by the clock: the drop gets the token back before the claim records it, so a failure in
        // between is repaired by calling again (releasing twice changes nothing).
        var now = Now;
        var stored = await Stored();
        // No custody on this stream: 404 for no claim at all, else (a self-custody mint) the decision's not-custodial.
        if (!stored.Escrowed && !stored.Requested) await GrainFactory.GetGrain<IDropGrain>(DropId).GetClaim(ClaimId);
        if (ClaimDecisions.ReleasesEarly(stored)) await GrainFactory.GetGrain<IDropGrain>(DropId).ReleaseToken(ClaimId);
        await Execute(s => ClaimDecisions.EndEscrowEarly(s, now, by));
        if (!Confirmed.EscrowOpen) await StopEscrowChecks();
        return Status(Confirmed);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == EscrowReminder) await CheckEscrow();
    }

    private async Task ScheduleEscrowCheck()
    {
        // Ticks compare against the injected clock, not Orleans' timer, so the end is exact to one period
        // whatever the clock is; the first tick comes no later than the escrow's end.
        var until = Confirmed.EscrowUntil!.Value - Now;
        var due = until < Escrow.CheckEvery ? (until > TimeSpan.Zero ? until : TimeSpan.FromSeconds(1)) : Escrow.CheckEvery;
        try
        {
            await this.RegisterOrUpdateReminder(EscrowReminder, due, Escrow.CheckEvery);
        }
        catch (Exception e) when (StorageFault.Classify(e) == StorageFaultKind.Transient)
        {
            // Reminders live in PostgreSQL too (a pooled connection ended by a restart, say): a 503 the phone retries, not a 500.
            throw StorageBreaker.Unavailable();
        }
    }

    // The outbox lives in PostgreSQL too: an outage there is a 503 the phone retries (the same claim id), not a 500.
    private async Task Queue(OutboxMail mail)
    {
        try
        {
            await outbox.Enqueue(mail);
        }
        catch (Exception e) when (StorageFault.Classify(e) == StorageFaultKind.Transient)
        {
            throw StorageBreaker.Unavailable();
        }
    }

    private async Task StopEscrowChecks()
    {
        if (await this.GetReminder(EscrowReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    // A released claim holds nothing: its old token number may already be someone else's.
    private ClaimStatus Status(ClaimState s) => new(DropId, ClaimId, s.TokenNumber, s.Custody == Custody.Released ? "" : s.Holder, s.Custody,
        s.Confirmed, s.EscrowUntil, ClaimGuidance.For(s.Custody, DropId, ClaimId));

    private static Rejected WrongCode() => new(ClaimRejectionCodes.WrongCode, "The code does not match the last one mailed for this claim.");
}
