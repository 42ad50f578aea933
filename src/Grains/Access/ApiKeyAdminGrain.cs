using MicroEvents.Rejections;
using MicroEvents.Text;
using Orleans.Concurrency;

namespace MicroEvents.Access;

[StatelessWorker]
public sealed class ApiKeyAdminGrain(AccessDatabase database, TimeProvider clock) : Grain, IApiKeyAdminGrain
{
    private ApiKeyStore Store => new(database, clock);

    public async Task<NewApiKey> Create(string? role, string? label, DateTimeOffset? expiresAt, string by)
    {
        var checks = new ClientText.Checks();
        if (!ApiKeyStore.TryParseRole(role, out var parsed) || parsed == AccessRole.Creator) checks.Fail("role", "must be operator or analyst");
        if (string.IsNullOrWhiteSpace(label)) checks.Fail("label", "is required");
        else checks.Text("label", label, ClientText.MaxNameLength);
        if (expiresAt is { } at && at <= clock.GetUtcNow()) checks.Fail("expiresAt", "must be in the future");
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The API key request is invalid.", checks.Errors);

        var (record, key) = await AccessDatabase.Guarded(() => Store.Create(parsed, label!, expiresAt, by: by));
        return new NewApiKey(key, View(record));
    }

    public async Task<IReadOnlyList<ApiKeyView>> List() =>
        [.. (await AccessDatabase.Guarded(() => Store.List())).Select(View)];

    public async Task<ApiKeyView> Revoke(string id, string by)
    {
        // An id is 12 hex digits; anything else cannot name a key (and never reaches the database).
        if (!ClientText.IsValid(id, ClientText.MaxIdLength) || !await AccessDatabase.Guarded(() => Store.Revoke(id, by: by)))
            throw new Rejected(AccessRejectionCodes.ApiKeyNotFound, "No API key has that id.");
        return (await List()).Single(k => k.Id == id);
    }

    private ApiKeyView View(ApiKeyRecord k) => new(k.Id, ApiKeyStore.RoleName(k.Role), k.Label,
        k.RevokedAt is not null ? ApiKeyView.Revoked : k.IsLive(clock.GetUtcNow()) ? ApiKeyView.Live : ApiKeyView.Expired,
        k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.CreatedBy, k.RevokedBy);
}
