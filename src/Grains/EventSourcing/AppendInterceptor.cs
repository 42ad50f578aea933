namespace MicroEvents.EventSourcing;

/// <summary>
/// A seam around the commit of an append, for fault tests: a subclass can throw after PostgreSQL
/// committed, which is exactly a lost reply. Production registers none.
/// </summary>
public class AppendInterceptor
{
    public virtual ValueTask AfterCommit(string streamKey, int events) => ValueTask.CompletedTask;

    /// <summary>Runs when the journal checks whether a failed append had committed.</summary>
    public virtual ValueTask BeforeCommitCheck(string streamKey) => ValueTask.CompletedTask;
}
