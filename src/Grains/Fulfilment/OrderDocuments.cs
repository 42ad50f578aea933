using Marten;

namespace MicroEvents.Fulfilment;

/// <summary>The documents an order keeps beside its stream: its private details and its dead-letter entry.</summary>
public sealed class OrderDocuments(IDocumentStore store)
{
    public async Task<OrderPrivateDetails?> Private(string orderId)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<OrderPrivateDetails>(orderId);
    }

    public async Task SavePrivate(string orderId, Action<OrderPrivateDetails> change)
    {
        await using var session = store.LightweightSession();
        var doc = await session.LoadAsync<OrderPrivateDetails>(orderId) ?? new OrderPrivateDetails { Id = orderId };
        change(doc);
        session.Store(doc);
        await session.SaveChangesAsync();
    }

    public async Task DeadLetter(DeadLetteredOrder entry)
    {
        await using var session = store.LightweightSession();
        session.Store(entry);
        await session.SaveChangesAsync();
    }

    public async Task ClearDeadLetter(string orderId)
    {
        await using var session = store.LightweightSession();
        session.Delete<DeadLetteredOrder>(orderId);
        await session.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<DeadLetteredOrder>> DeadLetters(int limit)
    {
        await using var session = store.QuerySession();
        return await session.Query<DeadLetteredOrder>().OrderBy(d => d.At).Take(limit).ToListAsync();
    }
}
