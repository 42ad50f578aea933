using Orleans.Concurrency;

namespace MicroEvents.Access;

/// <summary>
/// Every lookup reads the table (gateways keep a verified caller a few seconds: CallerCache). Stateless worker:
/// as many activations as load needs, none per key (random junk keys activate nothing new).
/// </summary>
[StatelessWorker]
public sealed class ApiKeysGrain(AccessDatabase database, TimeProvider clock) : Grain, IApiKeysGrain
{
    public async Task<Caller?> Verify(string keyHash)
    {
        if (keyHash is not { Length: 64 }) return null;
        var record = await AccessDatabase.Guarded(() => new ApiKeyStore(database, clock).Find(keyHash));
        return record is not null && record.IsLive(clock.GetUtcNow()) ? record.ToCaller() : null;
    }
}
