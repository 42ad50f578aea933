using System.CommandLine;
using MicroEvents.Gateway.Secrets;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Secrets;

/// <summary><c>secrets init [--file path]</c>: makes the secrets every member of a deployment shares.</summary>
public static class SecretsCommand
{
    public static Command Create(Func<SiloSettings> settings)
    {
        var file = new Option<string?>("--file") { Description = "Where to write them (default: beside the local PostgreSQL's data folder, .pgdata/dev-secrets.env)" };
        var init = new Command("init", "Make the cluster's shared secrets (claim key, receipt key-encryption key, partner callback secret) in a file only its owner can read; an existing file keeps its values and only gains missing ones.") { file };
        init.SetAction(parse =>
        {
            var local = settings();
            var path = Path.GetFullPath(parse.GetValue(file) ?? SiloSecrets.LocalFile(local));
            try
            {
                // The local file adopts the key-encryption key earlier local runs made, so their drops' signing keys stay readable.
                var seed = parse.GetValue(file) is null && File.Exists(DevelopmentKeys.KeyFile(local))
                    ? new Dictionary<string, string> { [SharedSecret.KeyEncryptionKey.Key] = Convert.ToBase64String(DevelopmentKeys.KeyEncryptionKey(local)) }
                    : null;
                var added = SecretsFile.Ensure(path, seed);
                Console.WriteLine(added.Count == 0
                    ? $"{path} already holds every secret; kept them."
                    : $"Wrote {string.Join(", ", added.Select(s => s.Variable))} to {path} (readable by its owner only).");
                Console.WriteLine($"Start every silo and gateway of this deployment with Secrets__File={path} (or --secrets {path}); " +
                    "environment variables of the same names override the file. Keep a copy: without Receipts__KeyEncryptionKey the drops' signing keys cannot be read.");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Console.Error.WriteLine($"Cannot write secrets: {e.Message}");
                return 1;
            }
        });
        return new Command("secrets", "The cluster's shared secrets.") { init };
    }
}
