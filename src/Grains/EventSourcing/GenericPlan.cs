namespace MicroEvents.EventSourcing;

/// <summary>
/// The append statement is prepared once per connection, but PostgreSQL kept choosing a fresh custom plan for it: its
/// parameters are arrays whose length the planner only sees at bind time, so a custom plan never looked worse than the
/// generic one. Planning its five CTEs cost about 1 ms of PostgreSQL a commit (<c>perf</c> under many quiet drops:
/// <c>pg_plan_queries</c> 8 % of PostgreSQL's time, issue #30), whatever the commit carried. The generic plan is the one
/// wanted anyway (an index probe per stream, a hash of the won streams), so the journal's sessions ask for it
/// (<see cref="CommitConnections"/>); any role may.
/// </summary>
internal static class GenericPlan
{
    public const string Parameter = "plan_cache_mode";

    public const string Mode = "force_generic_plan";
}
