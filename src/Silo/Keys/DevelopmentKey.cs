using MicroEvents.Access;

namespace MicroEvents.Silo.Keys;

/// <summary>
/// The one-command local run makes an operator key the first time it starts on an empty database and
/// prints it on the console (not through the logger, so no log sink keeps it). Production never gets one:
/// there the operator runs `keys create`.
/// </summary>
public static class DevelopmentKey
{
    public const string Label = "development (made on first start)";

    public static async Task PrintOnFirstStart(ApiKeyStore store, CancellationToken ct)
    {
        if ((await store.List(ct)).Count > 0) return;
        var (record, key) = await store.Create(AccessRole.Operator, Label, null, ct);
        Console.WriteLine($"Development operator key {record.Id} (shown once; `keys list` shows its id, `keys revoke {record.Id}` ends it):");
        Console.WriteLine($"  Authorization: Bearer {key}");
    }
}
