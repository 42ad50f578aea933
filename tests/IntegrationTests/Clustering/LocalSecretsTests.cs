using MicroEvents.Gateway.Secrets;
using MicroEvents.Silo.Hosting;
using MicroEvents.Silo.Secrets;

namespace MicroEvents.IntegrationTests.Clustering;

/// <summary>The local run and the local `cluster` keep one secrets file beside their data folder, across runs.</summary>
public class LocalSecretsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("microevents-local-secrets-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void the_local_run_makes_its_secrets_once_keeps_them_between_runs_and_adopts_the_key_encryption_key_of_earlier_runs()
    {
        var settings = new SiloSettings { LocalDataDirectory = Path.Combine(_folder, "dev") };
        var earlierKek = Convert.ToBase64String(DevelopmentKeys.KeyEncryptionKey(settings)); // what local runs kept before this file existed

        var first = SiloSecrets.Resolve(settings, gateways: true);
        var second = SiloSecrets.Resolve(settings, gateways: true);

        first.SecretsFile.Should().Be(Path.Combine(_folder, "dev-secrets.env"));
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(first.SecretsFile!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        first.Secrets.Should().ContainKeys(SharedSecret.All.Select(s => s.Key));
        second.Secrets.Should().BeEquivalentTo(first.Secrets, "a second run reads the same secrets");
        first.Secrets[SharedSecret.KeyEncryptionKey.Key].Should().Be(earlierKek, "drops' signing keys wrapped by earlier local runs stay readable");
    }

    [Fact]
    public void an_environment_variable_overrides_the_file_and_a_configured_database_without_secrets_is_refused_naming_them()
    {
        var file = Path.Combine(_folder, "secrets.env");
        SecretsFile.Ensure(file);
        var fromFile = SecretsFile.Read(file);
        var overridden = SiloSecrets.Resolve(new SiloSettings
        {
            ConnectionString = "Host=db", SecretsFile = file,
            Secrets = new Dictionary<string, string> { [SharedSecret.ClaimKey.Key] = "from-the-environment" },
        });
        overridden.Secrets[SharedSecret.ClaimKey.Key].Should().Be("from-the-environment");
        overridden.Secrets[SharedSecret.KeyEncryptionKey.Key].Should().Be(fromFile[SharedSecret.KeyEncryptionKey.Key]);

        var refuse = () => SiloSecrets.Resolve(new SiloSettings { ConnectionString = "Host=db" });
        refuse.Should().Throw<InvalidOperationException>()
            .WithMessage("*Claims:SecretKey (environment Claims__SecretKey*Receipts:KeyEncryptionKey (environment Receipts__KeyEncryptionKey*secrets init --file*");
    }
}
