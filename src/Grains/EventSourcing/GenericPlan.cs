namespace MicroEvents.EventSourcing;

/// <summary>
/// The append statement is prepared once per connection, but PostgreSQL still re-planned it on every commit: its
/// parameters are arrays whose length the planner only sees at bind time, so the custom plans never looked worse than a
/// generic one and were kept. Planning its five CTEs cost about 1 ms of PostgreSQL a commit (a profile of a quiet-drops
/// load with <c>perf</c>: <c>pg_plan_queries</c> 8 % of PostgreSQL's time, issue #30), whatever the commit carried. The
/// generic plan is the one wanted anyway (an index probe per stream, a hash of the won streams), so the statement asks
/// for it, for its own transaction only.
/// </summary>
internal static class GenericPlan
{
    public const string Parameter = "plan_cache_mode";

    /// <summary>A call for the statement's leading <c>select</c>; any role may set it.</summary>
    public const string ForThisTransaction = $"set_config('{Parameter}', 'force_generic_plan', true)";
}
