using Marten;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Keeps autovacuum's <c>ANALYZE</c> of <c>mt_events</c> short. An analyze holds a snapshot while it samples the table
/// (300 rows per unit of the largest statistics target: 30,000 rows at PostgreSQL's default of 100), and while it does, no
/// dead row version anywhere can be pruned. Every append moves its stream's row in <c>mt_streams</c>, so under a load of
/// many quiet streams (about 15,000 stream moves a second on this 2-core machine) a 1–2 s sample of a table of millions of
/// events left ~13,000 dead versions there: the stream table grew from 224 kB to 2 MB, most moves stopped being heap-only
/// (each adding a key to its index) and every later version check read through them until the table's next vacuum, up
/// to a minute later (issue #30: the quiet drops' PostgreSQL cost per claim grew through a run). A tenth of the sample
/// (target 10) still gives the planner what it uses on this table (the range of <c>seq_id</c>, how many streams, the
/// common types), and the columns nobody filters on by statistics (the event body, its headers and ids) get none.
/// </summary>
internal static class EventTableSample
{
    public const int Target = 10;

    /// <summary>Columns whose statistics no plan uses: analyzed with no sample at all.</summary>
    private static readonly string[] Unsampled = ["data", "headers", "mt_dotnet_type", "correlation_id", "causation_id", "id"];

    /// <summary>How long a start waits for the table's lock before leaving the targets to the next start.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sets the targets of the columns still at the server's default: an operator's own target stays, and a start after the
    /// first takes no lock. The <c>ALTER</c>'s lock waits for whatever holds one like it (a vacuum that does not yield, such as
    /// one against wraparound, can take hours on a large table): a start waits <see cref="LockWait"/> at most, then goes on
    /// without, and the next start tries again. A role that does not own the table (its schema migrated by another) may not
    /// alter it: the start goes on too, with the server's default sample, until the owner runs <c>migrate</c>.
    /// </summary>
    public static async Task Shrink(IDocumentStore store, CancellationToken ct = default)
    {
        var table = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        var unsampled = string.Join(", ", Unsampled.Select(c => $"'{c}'"));
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // attstattarget is -1 (PostgreSQL 15, 16) or null (17 on) for the server's default.
        command.CommandText = $"""
            do $$
            declare c record;
            begin
              perform set_config('lock_timeout', '{(int)LockWait.TotalMilliseconds}', true);
              for c in select attname, case when attname in ({unsampled}) then 0 else {Target} end as wanted
                       from pg_attribute
                       where attrelid = '{table}'::regclass and attnum > 0 and not attisdropped
                         and coalesce(attstattarget, -1) = -1
              loop
                execute format('alter table {table} alter column %I set statistics %s', c.attname, c.wanted);
              end loop;
            exception when lock_not_available or insufficient_privilege then
              null;
            end $$
            """;
        await command.ExecuteNonQueryAsync(ct);
    }
}
