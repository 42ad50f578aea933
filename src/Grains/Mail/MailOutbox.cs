using Marten;

namespace MicroEvents.Mail;

/// <summary>Stores mails durably and wakes the <see cref="OutboxDispatcher"/>.</summary>
public sealed class MailOutbox(IDocumentStore store)
{
    private readonly SemaphoreSlim _work = new(0);

    public async Task Enqueue(OutboxMail mail, CancellationToken ct = default)
    {
        await using (var session = store.LightweightSession())
        {
            session.Store(mail);
            await session.SaveChangesAsync(ct);
        }
        _work.Release();
    }

    /// <summary>Returns when a mail was queued or <paramref name="timeout"/> passed (the sweep that picks up mail left by a crash).</summary>
    internal Task WaitForWork(TimeSpan timeout, CancellationToken ct) => _work.WaitAsync(timeout, ct);

    internal async Task<IReadOnlyList<OutboxMail>> Pending(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<OutboxMail>().Where(m => m.FailedPermanently == null).OrderBy(m => m.QueuedAt).Take(100).ToListAsync(ct);
    }

    internal async Task Sent(OutboxMail mail, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Delete<OutboxMail>(mail.Id);
        await session.SaveChangesAsync(ct);
    }

    internal async Task Failed(OutboxMail mail, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(mail);
        await session.SaveChangesAsync(ct);
    }
}
