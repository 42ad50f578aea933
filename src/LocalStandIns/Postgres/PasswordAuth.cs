using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MicroEvents.LocalStandIns.Postgres;

/// <summary>
/// The local cluster's TCP connections use a password (SCRAM), generated once and kept in the data
/// folder (<c>microevents-password</c>, readable by its owner only). Clusters made before this had
/// trust authentication; they are moved over the first time they are started or reused.
/// </summary>
public static partial class PasswordAuth
{
    public const string FileName = "microevents-password";

    public static string? Read(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Writes the password beside the cluster's files, owner-only.</summary>
    public static void Save(string dataDir, string password)
    {
        var path = Path.Combine(dataDir, FileName);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(path, options);
        using var writer = new StreamWriter(file);
        writer.Write(password);
    }

    /// <summary>
    /// Makes sure the running cluster on <paramref name="port"/> asks TCP clients for the password and
    /// returns it: sets one (and saves it) when there is none yet, and turns trust host lines of
    /// pg_hba.conf into scram-sha-256.
    /// </summary>
    public static async Task<string> Ensure(string dataDir, int port, string connectionWithoutPassword, ILogger logger, CancellationToken ct)
    {
        var hbaPath = Path.Combine(dataDir, "pg_hba.conf");
        var hba = await File.ReadAllTextAsync(hbaPath, ct);
        var saved = Read(dataDir);
        if (saved is not null && !TrustHostLine().IsMatch(hba)) return saved;

        var password = saved ?? NewPassword();
        var builder = new NpgsqlConnectionStringBuilder(connectionWithoutPassword) { Port = port, Pooling = false };
        if (saved is not null) builder.Password = saved;
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync(ct);
            // The password is hex, so inlining it is safe; ALTER ROLE takes no parameters.
            await using var alter = new NpgsqlCommand($"alter role current_user with password '{password}'", connection);
            await alter.ExecuteNonQueryAsync(ct);
            if (saved is null) Save(dataDir, password);

            await File.WriteAllTextAsync(hbaPath, TrustHostLine().Replace(hba, "${line}scram-sha-256"), ct);
            await using var reload = new NpgsqlCommand("select pg_reload_conf()", connection);
            await reload.ExecuteScalarAsync(ct);
        }
        logger.LogInformation("Local PostgreSQL on {DataDir} now asks TCP clients for a password (kept in {File})", dataDir, FileName);
        return password;
    }

    [GeneratedRegex(@"^(?<line>host\S*\s+.*?)trust[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex TrustHostLine();
}
