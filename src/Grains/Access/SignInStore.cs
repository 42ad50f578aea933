using System.Security.Cryptography;
using Npgsql;

namespace MicroEvents.Access;

/// <summary>The token signing key (made once, kept in PostgreSQL, never logged) and single-use sign-in nonces.</summary>
public sealed class SignInStore(AccessDatabase database)
{
    private const string KeyName = "creator-token-hs256";

    /// <summary>The signing key; the first caller anywhere in the cluster creates it, everyone reads the same one.</summary>
    public async Task<byte[]> SigningKey(DateTimeOffset now)
    {
        await using var connection = await database.Open();
        await using var upsert = new NpgsqlCommand(
            $"""
            insert into {database.Schema}.access_signing_keys (name, secret, created_at) values (@name, @secret, @now) on conflict (name) do nothing;
            select secret from {database.Schema}.access_signing_keys where name = @name;
            """, connection);
        upsert.Parameters.AddWithValue("name", KeyName);
        upsert.Parameters.AddWithValue("secret", RandomNumberGenerator.GetBytes(64));
        upsert.Parameters.AddWithValue("now", now);
        return (byte[])(await upsert.ExecuteScalarAsync())!;
    }

    public async Task AddNonce(string nonce, DateTimeOffset now, TimeSpan lifetime)
    {
        await using var connection = await database.Open();
        await using var insert = new NpgsqlCommand(
            $"""
            delete from {database.Schema}.access_siwe_nonces where issued_at < @stale;
            insert into {database.Schema}.access_siwe_nonces (nonce, issued_at) values (@nonce, @now);
            """, connection);
        insert.Parameters.AddWithValue("stale", now - lifetime);
        insert.Parameters.AddWithValue("nonce", nonce);
        insert.Parameters.AddWithValue("now", now);
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>True exactly once per nonce issued within <paramref name="lifetime"/>: the delete is the use.</summary>
    public async Task<bool> ConsumeNonce(string nonce, DateTimeOffset now, TimeSpan lifetime)
    {
        await using var connection = await database.Open();
        await using var delete = new NpgsqlCommand(
            $"delete from {database.Schema}.access_siwe_nonces where nonce = @nonce returning issued_at", connection);
        delete.Parameters.AddWithValue("nonce", nonce);
        var issuedAt = await delete.ExecuteScalarAsync();
        return issuedAt is DateTime issued && new DateTimeOffset(DateTime.SpecifyKind(issued, DateTimeKind.Utc)) >= now - lifetime;
    }
}
