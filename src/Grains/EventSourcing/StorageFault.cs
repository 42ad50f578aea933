using System.Net.Sockets;
using Npgsql;

namespace MicroEvents.EventSourcing;

/// <summary>How a storage failure may be handled.</summary>
public enum StorageFaultKind
{
    /// <summary>PostgreSQL is unreachable, restarting or overloaded: wait for it (behind the breaker), then retry.</summary>
    Transient,

    /// <summary>PostgreSQL refused this very write (bad data, a constraint): retrying cannot help, ever.</summary>
    Refused,
}

/// <summary>Sorts storage exceptions by SQLSTATE class, so a refused write is never retried forever.</summary>
public static class StorageFault
{
    /// <summary>Npgsql's words (it has no error code for it) when a multi-host connection finds no server with the asked-for role.</summary>
    private const string NoWritableHost = "No suitable host was found.";

    public static StorageFaultKind Classify(Exception e) => e switch
    {
        PostgresException pg => ClassifySqlState(pg.SqlState),
        NpgsqlException npgsql when npgsql.IsTransient => StorageFaultKind.Transient,
        // Several hosts and none writable yet: the primary is gone and its standby not promoted. A fail-over, not a refusal.
        NpgsqlException { InnerException: null, Message: NoWritableHost } => StorageFaultKind.Transient,
        NpgsqlException { InnerException: { } inner } => Classify(inner),
        TimeoutException or IOException or SocketException or OperationCanceledException => StorageFaultKind.Transient,
        AggregateException { InnerException: { } inner } => Classify(inner),
        // A transaction or connection Npgsql disposed because PostgreSQL broke it (Marten's rollback after a write failed
        // in an outage): judge the break it carries.
        ObjectDisposedException { InnerException: NpgsqlException inner } => Classify(inner),
        // Marten (and Weasel, JasperFx beneath it) wrap what PostgreSQL said on a document write (outbox, checkpoint,
        // snapshot): judge what they wrap.
        { InnerException: { } inner } when WrapsStorage(e) => Classify(inner),
        // Anything else is a bug or a refusal we do not understand: never loop on it.
        _ => StorageFaultKind.Refused,
    };

    private static bool WrapsStorage(Exception e) =>
        e.GetType().Assembly.GetName().Name is { } name
        && (name.StartsWith("Marten", StringComparison.Ordinal) || name.StartsWith("Weasel", StringComparison.Ordinal)
            || name.StartsWith("JasperFx", StringComparison.Ordinal));

    /// <summary>The SQLSTATE of a PostgreSQL error, or the exception's type name, for logs and counters.</summary>
    public static string Reason(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState,
        NpgsqlException { InnerException: { } inner } => inner.GetType().Name,
        _ => e.GetType().Name,
    };

    public static StorageFaultKind ClassifySqlState(string sqlState) => sqlState[..2] switch
    {
        "08" => StorageFaultKind.Transient, // connection exception
        "40" => StorageFaultKind.Transient, // serialization failure, deadlock
        "53" => StorageFaultKind.Transient, // insufficient resources (too many connections, disk full)
        "57" => StorageFaultKind.Transient, // operator intervention: admin/crash shutdown, cannot connect now, query canceled
        "58" => StorageFaultKind.Transient, // system error (I/O)
        "55" when sqlState == "55P03" => StorageFaultKind.Transient, // lock not available
        // Read-only: a standby or a primary being demoted answered; the write will succeed on the promoted server.
        "25" when sqlState == "25006" => StorageFaultKind.Transient,
        _ => StorageFaultKind.Refused,    // 22 data exception, 23 integrity constraint, 42 syntax/undefined…
    };
}
