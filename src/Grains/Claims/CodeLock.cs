using MicroEvents.Rejections;

namespace MicroEvents.Claims;

/// <summary>
/// The code path's lock: after <c>max</c> wrong codes no code is accepted for a while, and only time lifts it. A new
/// code once lifted it, so whoever locked a claim learnt from the next answer whether the email they asked a code for
/// was the claim's: nothing a caller sends may end a lock early.
/// </summary>
public static class CodeLock
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// When the current lock ends, or null when the code path is not locked (it may have been, and passed). The end is
    /// the one recorded with the locking wrong code; streams from before that was recorded end a lock by their last wrong code.
    /// </summary>
    public static DateTimeOffset? Until(ClaimState state, int maxWrongCodes, TimeSpan lockFor) =>
        state.WrongCodes < maxWrongCodes || state.LastWrongCodeAt is not { } last ? null
        : state.CodesLockedUntil is { } until && until > last ? until
        : last + lockFor;

    /// <summary>What every caller of a locked claim is told, whatever they asked before: the same words and the same wait.</summary>
    public static Rejected Locked(DateTimeOffset until, DateTimeOffset now, int maxWrongCodes, TimeSpan lockFor) =>
        new(ClaimRejectionCodes.TooManyCodeAttempts,
            $"Too many wrong codes: after {maxWrongCodes} no code is accepted for {lockFor.TotalMinutes:0} minutes, until {until:yyyy-MM-ddTHH:mm:ssZ}. "
            + "Asking for a new code does not lift the lock; try again then.",
            retryAfter: until - now);
}
