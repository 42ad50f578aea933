using Npgsql;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Marten's foreign key from <c>mt_events</c> to <c>mt_streams</c>, and why the journal's own statement does not pay for it.
/// The statement inserts an event row only for a stream row it created or moved itself, in the same statement (and the
/// move holds that row locked until the commit, so no one deletes it in between): the key can never refuse it. PostgreSQL
/// still checks it row by row, a trigger firing a query that locks the stream row: in commits of one mint for each of about
/// a hundred quiet drops the statement took 25–28 µs of PostgreSQL per claim with the checks, 17 without (issue #30). So the
/// journal's own connections (<see cref="CommitConnections"/>), on which nothing else runs, start their sessions with
/// <c>session_replication_role = replica</c>, which leaves the key's triggers unfired; every other writer (Marten's
/// sessions, tooling, an operator's psql) is checked as before. A role that may not set it (neither a superuser nor
/// granted <c>SET ON PARAMETER session_replication_role</c>) keeps the checks.
/// </summary>
internal static class StreamForeignKey
{
    public const string Parameter = "session_replication_role";

    /// <summary>The setting under which the key's triggers (and every trigger not marked <c>enable always</c>) do not fire.</summary>
    public const string Unchecked = "replica";

    /// <summary>PostgreSQL refused to let this role set the parameter (at connection start): nothing was written.</summary>
    public static bool MayNotSkip(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } pg
        && pg.MessageText.Contains(Parameter, StringComparison.Ordinal);
}
