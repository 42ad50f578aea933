using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace MicroEvents.Projections;

/// <summary>
/// A read model in plain tables of the journal's schema, kept by Marten's async daemon. Each page of
/// events is folded in memory first and written as one set-based statement per table, so a hot drop's
/// thousands of mints cost the daemon a handful of statements, not one per event. The daemon commits
/// those statements and its progress in one transaction: a page is applied exactly once.
/// </summary>
public abstract class TableProjection(string schema) : IProjection
{
    protected string Schema { get; } = schema;

    /// <summary>Stable: the daemon's progress row, the rebuild verb and the endpoint use it.</summary>
    public abstract string Name { get; }

    /// <summary>Created by the schema migration; emptied by a rebuild before the replay.</summary>
    public abstract IReadOnlyList<Table> Tables { get; }

    /// <summary>
    /// The only event types the daemon loads for this projection (a filter in its SQL), so a hot drop's
    /// thousands of mints are not read by projections that ignore them.
    /// </summary>
    public abstract IReadOnlyCollection<Type> EventTypes { get; }

    /// <summary>
    /// Tables of an earlier shape of this projection. While one still exists, <see cref="ProjectionUpgrade"/> replays the
    /// projection from the first event before the daemon starts: its rows and progress cleared, the retired tables dropped.
    /// </summary>
    public virtual IReadOnlyList<string> RetiredTables => [];

    public abstract Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation);

    protected string Qualified(string table) => $"{Schema}.{table}";

    protected Table NewTable(string name, Action<Table> columns)
    {
        var table = new Table(PostgresqlProvider.Instance.Parse(Qualified(name)));
        columns(table);
        return table;
    }

    /// <summary>The id part of a stream key (<c>drop/summer-jam</c> → <c>summer-jam</c>).</summary>
    protected static string IdOf(string? streamKey) =>
        streamKey is { } key && key.IndexOf('/') is var slash and >= 0 ? key[(slash + 1)..] : streamKey ?? "";
}
