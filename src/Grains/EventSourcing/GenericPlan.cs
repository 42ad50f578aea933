namespace MicroEvents.EventSourcing;

/// <summary>
/// The append statement is prepared once per connection, but PostgreSQL kept choosing a fresh custom plan for it: its
/// parameters are arrays whose length the planner only sees at bind time, so a custom plan never looked worse than the
/// generic one. Planning its five CTEs cost about 1 ms of PostgreSQL a commit (<c>perf</c> under many quiet drops:
/// <c>pg_plan_queries</c> 8 % of PostgreSQL's time, issue #30), whatever the commit carried. So the journal's sessions
/// (<see cref="CommitConnections"/>) ask for the generic plan, made once. That plan cannot know how many streams a commit
/// moves (it guesses ten), and with a small stream table it chose to scan the whole table and hash it rather than probe
/// the key per stream: the sessions also rule out sequential scans, so streams are always found by key, as the custom
/// plans did, however large the table grows between two analyzes. Nothing else runs on those sessions; any role may set both.
/// </summary>
internal static class GenericPlan
{
    public const string Parameter = "plan_cache_mode";

    public const string Mode = "force_generic_plan";

    /// <summary>The session options (<c>-c</c> switches) for the journal's connections.</summary>
    public const string Options = $"-c {Parameter}={Mode} -c enable_seqscan=off";
}
