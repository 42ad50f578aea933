using Marten;
using MicroEvents.Rejections;
using Npgsql;

namespace MicroEvents.Access;

/// <summary>
/// The access tables beside the journal, in the store's schema: API keys (hashes only), the token
/// signing keys, creator-token revocations and outstanding sign-in nonces. Who created or revoked
/// a key or token is kept on its row. Plain tables, not streams: they are credentials, not history.
/// </summary>
public sealed class AccessDatabase(IDocumentStore store)
{
    private readonly string _schema = store.Options.DatabaseSchemaName;
    private int _ensured;

    public string Schema => _schema;

    /// <summary>Runs <paramref name="work"/>; PostgreSQL failures become <c>unavailable</c> (503, retry), never a 500.</summary>
    public static async Task<T> Guarded<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new Rejected(RejectionCodes.Unavailable, "Storage is unavailable; retry shortly.");
        }
    }

    public async Task<NpgsqlConnection> Open(CancellationToken ct = default)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        if (Volatile.Read(ref _ensured) == 0)
        {
            await EnsureTables(connection, ct);
            Volatile.Write(ref _ensured, 1);
        }
        return connection;
    }

    /// <summary>Creates the tables unless they exist; safe to run repeatedly and concurrently.</summary>
    public async Task EnsureTables(NpgsqlConnection connection, CancellationToken ct = default)
    {
        var sql = $"""
            create schema if not exists {_schema};
            create table if not exists {_schema}.access_api_keys (
                id text primary key,
                hash text not null unique,
                role text not null,
                label text not null,
                created_at timestamptz not null,
                expires_at timestamptz null,
                revoked_at timestamptz null);
            create table if not exists {_schema}.access_signing_keys (
                name text primary key,
                secret bytea not null,
                created_at timestamptz not null);
            create table if not exists {_schema}.access_siwe_nonces (
                nonce text primary key,
                issued_at timestamptz not null);
            alter table {_schema}.access_api_keys add column if not exists created_by text null;
            alter table {_schema}.access_api_keys add column if not exists revoked_by text null;
            alter table {_schema}.access_signing_keys add column if not exists retired_at timestamptz null;
            alter table {_schema}.access_signing_keys add column if not exists accepted_until timestamptz null;
            alter table {_schema}.access_signing_keys add column if not exists created_by text null;
            create table if not exists {_schema}.access_creator_revocations (
                subject text primary key,
                revoked_at timestamptz not null,
                reason text not null,
                revoked_by text not null);
            """;
        await using var lockCmd = new NpgsqlCommand($"select pg_advisory_xact_lock(hashtext('microevents-access-{_schema}'))", connection);
        await using var tx = await connection.BeginTransactionAsync(ct);
        lockCmd.Transaction = tx;
        await lockCmd.ExecuteNonQueryAsync(ct);
        await using var create = new NpgsqlCommand(sql, connection, tx);
        await create.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}
