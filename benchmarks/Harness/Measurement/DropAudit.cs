namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// A drop's correctness after a load: the callers' token numbers (<see cref="TokenAudit"/>), the drop's own
/// minted count, and its Marten stream holding exactly DropCreated + DropOpened + one event per mint.
/// </summary>
public static class DropAudit
{
    public static IReadOnlyList<Check> Verify(IEnumerable<long> acceptedTokens, long accepted, long supply, long reportedMinted, StreamCounts stream, string scope = "") =>
    [
        .. TokenAudit.Verify(acceptedTokens, supply, scope),
        Check.Equal($"{scope}drop's minted count = accepted claims", accepted, reportedMinted),
        Check.Equal($"{scope}stream length = {StreamAudit.SetupEvents} + accepted", StreamAudit.SetupEvents + accepted, stream.Events),
    ];

    /// <summary>Mints per append (group commit at work): the setup events had one append each.</summary>
    public static double? MintsPerAppend(long mints, long appends) =>
        appends > StreamAudit.SetupEvents ? Math.Round((double)mints / (appends - StreamAudit.SetupEvents), 1) : null;
}
