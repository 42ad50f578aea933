using Npgsql;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Marten's foreign key from <c>mt_events</c> to <c>mt_streams</c>, and why the journal's own statement does not pay for it.
/// The statement inserts an event row only for a stream row it created or moved itself, in the same statement (and the
/// move holds that row locked until the commit, so no one deletes it in between): the key can never refuse it. PostgreSQL
/// still checks it row by row, a trigger firing a query that locks the stream row: in commits of one mint for each of about
/// a hundred quiet drops the statement took 25–28 µs of PostgreSQL per claim with the checks, 17 without (issue #30). So the statement
/// runs with <c>session_replication_role = replica</c> for its own transaction only, which leaves the key's triggers
/// unfired; every other writer (Marten, tooling, an operator's psql) is checked as before. A role that may not set it
/// (neither a superuser nor granted <c>SET ON PARAMETER session_replication_role</c>) keeps the checks.
/// </summary>
internal static class StreamForeignKey
{
    public const string Parameter = "session_replication_role";

    /// <summary>A call for the statement's leading <c>select</c>, which runs first in its implicit transaction.</summary>
    public const string UncheckedForThisTransaction = $"set_config('{Parameter}', 'replica', true)";

    /// <summary>PostgreSQL refused to let this role set the parameter: nothing of the statement was written.</summary>
    public static bool MayNotSkip(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } pg
        && pg.MessageText.Contains(Parameter, StringComparison.Ordinal);
}
