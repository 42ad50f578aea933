using System.Security.Cryptography;
using Npgsql;

namespace MicroEvents.Access;

/// <summary>
/// The creator-token signing keys (one current, older ones accepted until their overlap ends) and the
/// revocations of creator tokens, by wallet or by token id. Each change records who made it.
/// </summary>
public sealed class CreatorTokenStore(AccessDatabase database)
{
    /// <summary>The first key's name (as <see cref="SignInStore"/> made it); rotated keys are <c>creator-token-hs256:&lt;id&gt;</c>.</summary>
    public const string FirstKey = "creator-token-hs256";

    public sealed record SigningKey(string Id, byte[] Secret, DateTimeOffset? RetiredAt, DateTimeOffset? AcceptedUntil)
    {
        public bool IsCurrent => RetiredAt is null;

        public bool AcceptedAt(DateTimeOffset now) => RetiredAt is null || AcceptedUntil > now;
    }

    /// <summary>Every signing key, the current one first; the first caller anywhere in the cluster creates the first key.</summary>
    public async Task<IReadOnlyList<SigningKey>> Keys(DateTimeOffset now)
    {
        await using var connection = await database.Open();
        await using var command = new NpgsqlCommand(KeysSql, connection);
        AddKeyParameters(command, now);
        await using var reader = await command.ExecuteReaderAsync();
        return await ReadKeys(reader);
    }

    private string KeysSql => $"""
        insert into {database.Schema}.access_signing_keys (name, secret, created_at) values (@name, @secret, @now) on conflict (name) do nothing;
        select name, secret, retired_at, accepted_until from {database.Schema}.access_signing_keys
         where name = @name or name like @rotated order by (retired_at is null) desc, created_at desc
        """;

    private static void AddKeyParameters(NpgsqlCommand command, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("name", FirstKey);
        command.Parameters.AddWithValue("rotated", FirstKey + ":%");
        command.Parameters.AddWithValue("secret", RandomNumberGenerator.GetBytes(64));
        command.Parameters.AddWithValue("now", now);
    }

    private static async Task<IReadOnlyList<SigningKey>> ReadKeys(NpgsqlDataReader reader)
    {
        var keys = new List<SigningKey>();
        while (await reader.ReadAsync())
            keys.Add(new SigningKey(reader.GetString(0), (byte[])reader[1],
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        return keys;
    }

    /// <summary>
    /// Makes a new current key. The old one is accepted for <paramref name="overlap"/> more (zero: refused at
    /// once); a rotation never lengthens an older key's overlap.
    /// </summary>
    public async Task<TokenKeyRotation> Rotate(DateTimeOffset now, TimeSpan overlap, string by)
    {
        var id = $"{FirstKey}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var until = now + (overlap < TimeSpan.Zero ? TimeSpan.Zero : overlap);
        await using var connection = await database.Open();
        await using var tx = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            $"""
            select pg_advisory_xact_lock(hashtext('microevents-token-keys-{database.Schema}'));
            insert into {database.Schema}.access_signing_keys (name, secret, created_at) values (@first, @firstSecret, @now) on conflict (name) do nothing;
            update {database.Schema}.access_signing_keys set accepted_until = least(accepted_until, @until)
             where (name = @first or name like @rotated) and retired_at is not null;
            update {database.Schema}.access_signing_keys set retired_at = @now, accepted_until = @until
             where (name = @first or name like @rotated) and retired_at is null;
            insert into {database.Schema}.access_signing_keys (name, secret, created_at, created_by) values (@id, @secret, @now, @by);
            """, connection, tx);
        command.Parameters.AddWithValue("first", FirstKey);
        command.Parameters.AddWithValue("rotated", FirstKey + ":%");
        command.Parameters.AddWithValue("firstSecret", RandomNumberGenerator.GetBytes(64));
        command.Parameters.AddWithValue("secret", RandomNumberGenerator.GetBytes(64));
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("until", until);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("by", by);
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return new TokenKeyRotation(id, now, until, by);
    }

    /// <summary>
    /// Refuses the tokens of <paramref name="subject"/>: <c>wallet:&lt;lower-case address&gt;</c> (every token
    /// issued up to now, to the second) or <c>token:&lt;id&gt;</c>. Revoking again moves a wallet's cut-off to now.
    /// </summary>
    public async Task<CreatorTokenRevocation> Revoke(string subject, DateTimeOffset now, string reason, string by)
    {
        await using var connection = await database.Open();
        await using var command = new NpgsqlCommand(
            $"""
            insert into {database.Schema}.access_creator_revocations (subject, revoked_at, reason, revoked_by) values (@subject, @now, @reason, @by)
            on conflict (subject) do update set revoked_at = greatest(access_creator_revocations.revoked_at, excluded.revoked_at),
                reason = excluded.reason, revoked_by = excluded.revoked_by;
            """, connection);
        command.Parameters.AddWithValue("subject", subject);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("by", by);
        await command.ExecuteNonQueryAsync();
        return new CreatorTokenRevocation(subject, now, reason, by);
    }

    /// <summary>
    /// In one round trip: every signing key (as <see cref="Keys"/>), and whether the token's wallet was revoked
    /// at or after it was issued or the token itself was.
    /// </summary>
    public async Task<(IReadOnlyList<SigningKey> Keys, bool Revoked)> KeysAndRevocation(DateTimeOffset now, CreatorToken.Verified token)
    {
        await using var connection = await database.Open();
        await using var command = new NpgsqlCommand(
            $"""
            {KeysSql};
            select exists (select 1 from {database.Schema}.access_creator_revocations
             where (subject = @wallet and revoked_at >= @issued) or subject = @token);
            """, connection);
        AddKeyParameters(command, now);
        command.Parameters.AddWithValue("wallet", WalletSubject(token.Wallet));
        command.Parameters.AddWithValue("issued", token.IssuedAt);
        command.Parameters.AddWithValue("token", token.TokenId is { } id ? TokenSubject(id) : "");
        await using var reader = await command.ExecuteReaderAsync();
        var keys = await ReadKeys(reader);
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return (keys, reader.GetBoolean(0));
    }

    public static string WalletSubject(string wallet) => $"wallet:{wallet.ToLowerInvariant()}";

    public static string TokenSubject(string tokenId) => $"token:{tokenId.ToLowerInvariant()}";
}
