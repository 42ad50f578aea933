using Npgsql;

namespace MicroEvents.EventSourcing;

/// <summary>
/// The connections the journal commits on: its own pool, apart from Marten's, whose sessions start with the settings the
/// append statement wants (<see cref="StreamForeignKey"/>, <see cref="GenericPlan"/>). Set per transaction instead, they
/// cost a plan a commit: PostgreSQL empties a session's plan cache whenever <c>session_replication_role</c> changes, so
/// the prepared statement was planned afresh twice a commit (on, then off again at the end of the transaction), about
/// 1 ms of PostgreSQL each time whatever the commit carried (issue #30). Nothing but the journal's statement runs here.
/// </summary>
internal sealed class CommitConnections
{
    private readonly string _unchecked;
    private readonly string _checked;
    // Until the role is found not to be allowed to skip the key (see StreamForeignKey); then every commit checks it.
    private volatile bool _skipKeyCheck = true;

    /// <param name="connectionString">The journal's own, password included (Marten's connections no longer show it).</param>
    /// <param name="connections">The most commits in flight at once: the pool never needs more.</param>
    public CommitConnections(string connectionString, int connections)
    {
        _checked = With(connectionString, connections, GenericPlan.Options);
        _unchecked = With(connectionString, connections, $"{GenericPlan.Options} -c {StreamForeignKey.Parameter}={StreamForeignKey.Unchecked}");
    }

    public NpgsqlConnection Create() => new(_skipKeyCheck ? _unchecked : _checked);

    /// <summary>
    /// PostgreSQL refused the session its <c>session_replication_role</c> (the role is neither a superuser nor granted
    /// <c>SET</c> on it): true the first time, after which connections keep the key's checks.
    /// </summary>
    public bool KeepChecksAfter(Exception e)
    {
        if (!_skipKeyCheck || !StreamForeignKey.MayNotSkip(e)) return false;
        _skipKeyCheck = false;
        return true;
    }

    private static string With(string connectionString, int connections, string options)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = connections, MinPoolSize = 0 };
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? options : $"{builder.Options} {options}";
        return builder.ConnectionString;
    }
}
