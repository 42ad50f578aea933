using MicroEvents.Text;
using Npgsql;

namespace MicroEvents.Access;

/// <summary>Creates, lists, revokes and finds API keys in <see cref="AccessDatabase"/>.</summary>
public sealed class ApiKeyStore(AccessDatabase database, TimeProvider clock)
{
    /// <summary>The access tables this store works on (creator-token commands share them).</summary>
    public AccessDatabase Database => database;

    /// <summary>Creates a key; the returned plaintext is the only copy there will ever be. <paramref name="by"/>: who (see <see cref="Actor"/>).</summary>
    public async Task<(ApiKeyRecord Record, string Key)> Create(AccessRole role, string label, DateTimeOffset? expiresAt, CancellationToken ct = default,
        string by = Actor.Cli)
    {
        if (string.IsNullOrWhiteSpace(label) || ClientText.Problem(label, ClientText.MaxNameLength) is { } problem)
            throw new ArgumentException($"The label must be 1–{ClientText.MaxNameLength} characters without control characters.", nameof(label));
        var key = ApiKeySecret.Generate();
        var hash = ApiKeySecret.Hash(key);
        var record = new ApiKeyRecord(ApiKeySecret.IdOf(hash), role, label.Trim(), clock.GetUtcNow(), expiresAt, null, by);

        await using var connection = await database.Open(ct);
        await using var insert = new NpgsqlCommand(
            $"insert into {database.Schema}.access_api_keys (id, hash, role, label, created_at, expires_at, created_by) values (@id, @hash, @role, @label, @created, @expires, @by)",
            connection);
        insert.Parameters.AddWithValue("id", record.Id);
        insert.Parameters.AddWithValue("hash", hash);
        insert.Parameters.AddWithValue("role", RoleName(role));
        insert.Parameters.AddWithValue("label", record.Label);
        insert.Parameters.AddWithValue("created", record.CreatedAt);
        insert.Parameters.AddWithValue("expires", (object?)expiresAt ?? DBNull.Value);
        insert.Parameters.AddWithValue("by", by);
        await insert.ExecuteNonQueryAsync(ct);
        return (record, key);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> List(CancellationToken ct = default)
    {
        await using var connection = await database.Open(ct);
        await using var select = new NpgsqlCommand(
            $"select {Columns} from {database.Schema}.access_api_keys order by created_at, id", connection);
        return await Read(select, ct);
    }

    /// <summary>Revokes the key with this id; false when there is none. Revoking twice keeps the first time.</summary>
    public async Task<bool> Revoke(string id, CancellationToken ct = default, string by = Actor.Cli)
    {
        await using var connection = await database.Open(ct);
        await using var update = new NpgsqlCommand(
            $"update {database.Schema}.access_api_keys set revoked_at = coalesce(revoked_at, @now), revoked_by = case when revoked_at is null then @by else revoked_by end where id = @id", connection);
        update.Parameters.AddWithValue("id", id);
        update.Parameters.AddWithValue("now", clock.GetUtcNow());
        update.Parameters.AddWithValue("by", by);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<ApiKeyRecord?> Find(string hash, CancellationToken ct = default)
    {
        await using var connection = await database.Open(ct);
        await using var select = new NpgsqlCommand(
            $"select {Columns} from {database.Schema}.access_api_keys where hash = @hash", connection);
        select.Parameters.AddWithValue("hash", hash);
        return (await Read(select, ct)).SingleOrDefault();
    }

    public static string RoleName(AccessRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? name, out AccessRole role) =>
        Enum.TryParse(name, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(name, out _);

    private const string Columns = "id, role, label, created_at, expires_at, revoked_at, created_by, revoked_by";

    private static async Task<IReadOnlyList<ApiKeyRecord>> Read(NpgsqlCommand select, CancellationToken ct)
    {
        var records = new List<ApiKeyRecord>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            TryParseRole(reader.GetString(1), out var role);
            records.Add(new ApiKeyRecord(reader.GetString(0), role, reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return records;
    }
}
