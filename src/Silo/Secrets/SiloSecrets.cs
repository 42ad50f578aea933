using MicroEvents.Gateway.Secrets;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Secrets;

/// <summary>
/// A silo's (and the <c>cluster</c> verb's) shared secrets: environment first, then the secrets file. The
/// local run, on the project-owned PostgreSQL, keeps its own file beside the data folder, made on first
/// start (its key-encryption key is the one earlier local runs kept in <c>…-receipts.kek</c>), so local
/// runs and every member of a local <c>cluster</c> share the same secrets across restarts.
/// </summary>
public static class SiloSecrets
{
    /// <summary><c>.pgdata/dev-secrets.env</c> for the default data folder.</summary>
    public static string LocalFile(SiloSettings settings)
    {
        var data = Path.GetFullPath(settings.LocalDataDirectory ?? Storage.DefaultDataDirectory());
        return Path.Combine(Path.GetDirectoryName(data)!, Path.GetFileName(data) + "-secrets.env");
    }

    /// <summary>
    /// The settings with every secret filled in, or a start-up error naming each missing one. Which
    /// secrets are needed: <paramref name="gateways"/> adds those only gateways need (the cluster verb).
    /// </summary>
    public static SiloSettings Resolve(SiloSettings settings, bool gateways = false)
    {
        var file = settings.SecretsFile;
        if (file is null && settings.ConnectionString is null)
        {
            file = LocalFile(settings);
            SecretsFile.Ensure(file, new Dictionary<string, string>
            {
                [SharedSecret.KeyEncryptionKey.Key] = Convert.ToBase64String(DevelopmentKeys.KeyEncryptionKey(settings)),
            });
        }

        var values = new Dictionary<string, string>(settings.Secrets, StringComparer.OrdinalIgnoreCase);
        if (file is not null)
            foreach (var (key, value) in SecretsFile.Read(file))
                if (!values.ContainsKey(key) && !string.IsNullOrWhiteSpace(value)) values[key] = value;

        ClusterSecrets.Require(k => values.GetValueOrDefault(k), silo: true, file);
        if (gateways) ClusterSecrets.Require(k => values.GetValueOrDefault(k), silo: false, file);
        return settings with { SecretsFile = file is null ? null : Path.GetFullPath(file), Secrets = values };
    }

    /// <summary>Fills each secret the host's configuration lacks (environment and command line keep priority).</summary>
    public static void FillInto(IConfiguration config, SiloSettings settings)
    {
        foreach (var (key, value) in settings.Secrets)
            if (string.IsNullOrWhiteSpace(config[key])) config[key] = value;
    }
}
