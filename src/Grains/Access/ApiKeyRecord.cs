namespace MicroEvents.Access;

/// <summary>A stored API key: never the key itself, only what identifies and limits it.</summary>
public sealed record ApiKeyRecord(
    string Id, AccessRole Role, string Label, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt,
    string? CreatedBy = null, string? RevokedBy = null)
{
    public bool IsLive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public Caller ToCaller() => new(Role, $"key {Id} ({Label})", null, ExpiresAt, Id);
}
