using Marten;
using MicroEvents.EventSourcing;

namespace MicroEvents.Mail;

/// <summary>Stores mails durably and wakes the <see cref="OutboxDispatcher"/>.</summary>
public sealed class MailOutbox(IDocumentStore store, EventJournal journal)
{
    private readonly SemaphoreSlim _work = new(0);

    /// <summary>
    /// On a command's path (a claim's code mail): through the journal's breaker, so an outage is answered
    /// <c>unavailable</c> (503, retry with the same id), never a 500, and refused at once while the breaker is open.
    /// </summary>
    public async Task Enqueue(OutboxMail mail, CancellationToken ct = default)
    {
        await journal.Breaker.Read(async () =>
        {
            await using var session = store.LightweightSession();
            session.Store(mail);
            await session.SaveChangesAsync(ct);
            return true;
        });
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
