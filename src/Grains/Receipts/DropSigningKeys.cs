using Marten;
using JasperFx;
using Nethereum.Signer;

namespace MicroEvents.Receipts;

/// <summary>Creates a drop's signing key on first use and unwraps it for the sealer; the first writer wins a race.</summary>
public sealed class DropSigningKeys(IDocumentStore store, KeyEncryptionKey kek, TimeProvider clock)
{
    public async Task<EthECKey> GetOrCreate(string dropId, CancellationToken ct = default)
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

    /// <summary>The address of the drop's key, or null while it has none; never makes one.</summary>
    public async Task<string?> FindAddress(string dropId, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<DropSigningKey>(dropId, ct))?.Address;
    }

    private async Task<EthECKey?> Load(string dropId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var stored = await session.LoadAsync<DropSigningKey>(dropId, ct);
        return stored is null ? null : new EthECKey(kek.Unwrap(stored.Wrapped, dropId), true);
    }
}
