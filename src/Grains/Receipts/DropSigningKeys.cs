using Marten;
using JasperFx;
using MicroEvents.EventSourcing;
using Nethereum.Signer;

namespace MicroEvents.Receipts;

/// <summary>
/// Creates a drop's signing key on first use and unwraps it for the sealer; the first writer wins a race.
/// Every read and write goes through the journal's storage breaker, so an outage is a 503 naming the store, never a 500.
/// </summary>
public sealed class DropSigningKeys(IDocumentStore store, KeyEncryptionKey kek, TimeProvider clock, EventJournal journal)
{
    public Task<EthECKey> GetOrCreate(string dropId, CancellationToken ct = default) =>
        journal.Breaker.Read(() => LoadOrCreate(dropId, ct));

    /// <summary>The address of the drop's key, or null while it has none; never makes one.</summary>
    public Task<string?> FindAddress(string dropId, CancellationToken ct = default) =>
        journal.Breaker.Read(async () =>
        {
            await using var session = store.QuerySession();
            return (await session.LoadAsync<DropSigningKey>(dropId, ct))?.Address;
        });

    private async Task<EthECKey> LoadOrCreate(string dropId, CancellationToken ct)
    {
        if (await Load(dropId, ct) is { } existing) return existing;

        var key = EthECKey.GenerateKey();
        try
        {
            await using var session = store.LightweightSession();
            session.Insert(new DropSigningKey
            {
                Id = dropId, Address = key.GetPublicAddress(), Wrapped = kek.Wrap(key.GetPrivateKeyAsBytes(), dropId), CreatedAt = clock.GetUtcNow(),
            });
            await session.SaveChangesAsync(ct);
            return key;
        }
        catch (DocumentAlreadyExistsException)
        {
            return await Load(dropId, ct) ?? throw new InvalidOperationException($"The signing key of {dropId} vanished.");
        }
    }

    private async Task<EthECKey?> Load(string dropId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var stored = await session.LoadAsync<DropSigningKey>(dropId, ct);
        return stored is null ? null : new EthECKey(kek.Unwrap(stored.Wrapped, dropId), true);
    }
}
