using Npgsql;

namespace MicroEvents.Silo.Clustering;

/// <summary>
/// The tables, functions and named queries of Orleans' ADO.NET membership, reminders and grain
/// storage, kept in the project's schema and versioned in <c>orleans_schema_version</c>. Each
/// version is a SQL file applied once, in order, in one transaction under an advisory lock, so
/// silos starting together, a second <c>migrate</c>, or a database holding an older version all
/// end in the same state.
/// </summary>
public static class OrleansSchema
{
    private const string ResourcePrefix = "OrleansSql.";

    /// <summary>Every version this build knows, in order: (number, name, SQL).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Versions { get; } = Load();

    public static int Latest => Versions[^1].Version;

    /// <summary>Brings <paramref name="schema"/> up to <paramref name="upTo"/> (default: the latest); returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<int>> Apply(string connectionString, string schema, int? upTo = null, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        // Several silos may start at once against a fresh database; one applies, the others find it done.
        await Execute(connection, tx, "SELECT pg_advisory_xact_lock(hashtext(@key))", ct, ("key", $"microevents.orleans-schema.{schema}"));
        var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(schema);
        await Execute(connection, tx, $"CREATE SCHEMA IF NOT EXISTS {quoted}; SET LOCAL search_path TO {quoted};", ct);
        await Execute(connection, tx, """
            CREATE TABLE IF NOT EXISTS orleans_schema_version (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, ct);

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand("SELECT version FROM orleans_schema_version", connection, tx))
        await using (var reader = await read.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt32(0));

        var now = new List<int>();
        foreach (var (version, name, sql) in Versions.Where(v => v.Version <= (upTo ?? Latest) && !applied.Contains(v.Version)))
        {
            await Execute(connection, tx, sql, ct);
            await Execute(connection, tx, "INSERT INTO orleans_schema_version (version, name) VALUES (@v, @n)", ct, ("v", version), ("n", name));
            now.Add(version);
        }

        await tx.CommitAsync(ct);
        return now;
    }

    /// <summary>The connection string Orleans' providers use: same server, the project's schema first on the search path.</summary>
    public static string ConnectionString(string connectionString, string schema) =>
        new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(ct);
    }

    // Files are named "0001-some-name.sql"; the number is the version.
    private static List<(int, string, string)> Load()
    {
        var assembly = typeof(OrleansSchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[ResourcePrefix.Length..^".sql".Length];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (int.Parse(file[..4]), file[5..], reader.ReadToEnd());
            })
            .OrderBy(v => v.Item1)
            .ToList();
    }
}
