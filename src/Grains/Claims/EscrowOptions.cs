namespace MicroEvents.Claims;

/// <summary>The <c>Claims</c> settings the claim actors use.</summary>
public sealed class EscrowOptions
{
    /// <summary>How long an unconfirmed custodial claim waits for its code.</summary>
    public TimeSpan Escrow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often an open escrow's reminder checks the clock, so escrow ends at most this late (Orleans' minimum reminder period applies).</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong codes allowed before the code path locks for <see cref="CodeLock"/>.</summary>
    public int MaxWrongCodes { get; set; } = 5;

    /// <summary>How long a locked code path stays locked: only time lifts it, never a new code (see <see cref="Claims.CodeLock"/>).</summary>
    public TimeSpan CodeLock { get; set; } = Claims.CodeLock.DefaultDuration;
}
