namespace MicroEvents.Access;

/// <summary>
/// Operators' API key administration over HTTP, the same store the <c>keys</c> CLI verbs use: create (the key is
/// returned once), list (never a key), revoke by id. A stateless worker (key 0).
/// </summary>
public interface IApiKeyAdminGrain : IGrainWithIntegerKey
{
    /// <summary><c>validation-failed</c> unless the role is operator or analyst, the label clean text and the expiry in the future.</summary>
    Task<NewApiKey> Create(string? role, string? label, DateTimeOffset? expiresAt, string by);

    Task<IReadOnlyList<ApiKeyView>> List();

    /// <summary>Revokes the key (again: keeps the first time); <c>api-key-not-found</c> for an unknown id.</summary>
    Task<ApiKeyView> Revoke(string id, string by);
}
