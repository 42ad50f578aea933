using FluentAssertions;
using Marten.Exceptions;
using MicroEvents.EventSourcing;
using Npgsql;
using Xunit;

namespace MicroEvents.UnitTests.EventSourcing;

public sealed class StorageFaultTests
{
    private static PostgresException Postgres(string sqlState) => new("said by PostgreSQL", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("40001", StorageFaultKind.Transient)] // serialization failure: retry
    [InlineData("57P01", StorageFaultKind.Transient)] // admin shutdown: retry
    [InlineData("23505", StorageFaultKind.Refused)]   // unique violation: never retry
    [InlineData("22P02", StorageFaultKind.Refused)]   // bad data: never retry
    public void a_document_write_that_marten_wraps_is_judged_by_what_postgresql_said(string sqlState, StorageFaultKind kind)
    {
        // A document write (the mail outbox, a checkpoint) fails inside Marten, which wraps PostgreSQL's error: an outage
        // there must be a 503 to retry, not a 500, and a refusal must still never be retried.
        var wrapped = new MartenCommandException(new NpgsqlCommand("insert …"), Postgres(sqlState));

        StorageFault.Classify(wrapped).Should().Be(kind);
        StorageFault.Classify(Postgres(sqlState)).Should().Be(kind);
    }

    [Fact]
    public void a_transaction_npgsql_disposed_because_postgresql_shut_down_is_an_outage()
    {
        // What Marten's rollback threw when PostgreSQL stopped under a mail outbox write: a custodial claim answered 500.
        var disposed = new ObjectDisposedException("NpgsqlTransaction", Postgres("57P01"));

        StorageFault.Classify(disposed).Should().Be(StorageFaultKind.Transient);
        StorageFault.Classify(new ObjectDisposedException("NpgsqlTransaction")).Should().Be(StorageFaultKind.Refused, "nothing from PostgreSQL in it: a bug");
    }
}
