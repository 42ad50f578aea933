using MicroEvents.EventSourcing;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// A journal store on a schema of its own, created with Marten's tables for the test class and dropped after it: for tests
/// that change tables or statistics other tests must not see.
/// </summary>
public abstract class NewJournalSchema : IAsyncLifetime
{
    protected string Schema { get; } = TestPostgres.NewSchema();

    protected Marten.DocumentStore Store { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Store = JournalStore.Create(await TestPostgres.ConnectionString, Schema);
        await JournalStore.ApplySchema(Store);
    }

    public async Task DisposeAsync()
    {
        Store.Dispose();
        await TestPostgres.DropSchema(Schema);
    }
}
