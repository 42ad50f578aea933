using System.Net;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Ports;

namespace MicroEvents.IntegrationTests.Processes;

/// <summary>
/// The per-host commands of docs/operations.md as an operator types them: `secrets init`, a silo `run` with
/// the file and the connection string, a gateway with the same file, a claim through the gateway; and the
/// refusal, naming every missing secret, of members started without them.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class SecretsProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly string _schema = TestPostgres.NewSchema();
    private readonly string _folder = Directory.CreateTempSubdirectory("microevents-secrets-").FullName;
    private string _connection = "";

    public async Task InitializeAsync() => _connection = await TestPostgres.ConnectionString;

    public async Task DisposeAsync()
    {
        await TestPostgres.DropSchema(_schema);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task the_documented_per_host_commands_start_a_silo_and_a_gateway_that_share_secrets_from_one_file()
    {
        var file = Path.Combine(_folder, "secrets.env");
        await using (var init = ServiceProcess.Start("MicroEvents.Silo.dll", ["secrets", "init", "--file", file]))
            (await init.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(0, init.Output);
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "only its owner may read the secrets");
        var written = File.ReadAllText(file);
        written.Should().Contain("Claims__SecretKey=").And.Contain("Receipts__KeyEncryptionKey=").And.Contain("Fulfilment__Partner__CallbackSecret=");
        await using (var again = ServiceProcess.Start("MicroEvents.Silo.dll", ["secrets", "init", "--file", file]))
        {
            (await again.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(0, again.Output);
            again.Output.Should().Contain("already holds every secret");
        }
        File.ReadAllText(file).Should().Be(written, "a second init never replaces a key");

        // Exactly the docs' variables: connection string, cluster and service id, the secrets file; nothing else.
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = _connection,
            ["Orleans__ClusterId"] = "secrets-test",
            ["Orleans__ServiceId"] = "microevents",
            ["Journal__Schema"] = _schema,
            ["Secrets__File"] = file,
        };
        int siloHttp = FreePort.Next(), gatewayHttp = FreePort.Next();
        await using var silo = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["run", "--urls", $"http://127.0.0.1:{siloHttp}", "--silo-port", FreePort.Next().ToString(), "--gateway-port", FreePort.Next().ToString()],
            new Dictionary<string, string>(shared) { ["Orleans__AdvertisedAddress"] = "127.0.0.1" });
        await silo.WaitUntilReady($"http://127.0.0.1:{siloHttp}/health/ready", StartTimeout);

        await using var gateway = ServiceProcess.Start("MicroEvents.Gateway.dll", ["--urls", $"http://127.0.0.1:{gatewayHttp}"], shared);
        await gateway.WaitUntilReady($"http://127.0.0.1:{gatewayHttp}/health/ready", StartTimeout);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayHttp}") }.Authorized(await OperatorKeys.Create(_connection, _schema));
        (await http.PostJson("/drops", Samples.Drop("secrets-drop", supply: 10))).StatusCode.Should().Be(HttpStatusCode.Created, gateway.Output);
        (await http.PostAsync("/drops/secrets-drop/open", null)).EnsureSuccessStatusCode();
        (await http.PostJson("/drops/secrets-drop/claims", new { claimId = "c1", wallet = Samples.Wallet(1) })).StatusCode.Should().Be(HttpStatusCode.Created);
        silo.Output.Should().NotContain("Claims:SecretKey is not set").And.NotContain(File.ReadAllLines(file).First(l => l.StartsWith("Claims__")).Split('=', 2)[1]);
        gateway.Output.Should().NotContain("Claims:SecretKey is not set");
    }

    [Fact]
    public async Task a_silo_and_a_gateway_without_the_secrets_refuse_to_start_naming_each_one_and_how_to_make_them()
    {
        var none = new Dictionary<string, string>
        {
            ["Journal__Schema"] = _schema,
            ["Receipts__KeyEncryptionKey"] = "",
            ["Claims__SecretKey"] = "",
            ["ConnectionStrings__Postgres"] = _connection,
        };
        await using (var silo = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["run", "--urls", "http://127.0.0.1:0", "--silo-port", "0", "--gateway-port", "0"], none))
        {
            (await silo.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(1, silo.Output);
            silo.Output.Should().Contain("Cannot start: missing secret(s)")
                .And.Contain("Claims:SecretKey (environment Claims__SecretKey")
                .And.Contain("Receipts:KeyEncryptionKey (environment Receipts__KeyEncryptionKey")
                .And.Contain("secrets init --file")
                .And.NotContain("   at ");
        }

        await using (var gateway = ServiceProcess.Start("MicroEvents.Gateway.dll", ["--urls", "http://127.0.0.1:0"], none))
        {
            (await gateway.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(1, gateway.Output);
            gateway.Output.Should().Contain("Cannot start: missing secret(s): Claims:SecretKey (environment Claims__SecretKey")
                .And.Contain("secrets init --file").And.NotContain("   at ");
        }

        var missingFile = Path.Combine(_folder, "no-such.env");
        await using (var silo = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["run", "--secrets", missingFile, "--urls", "http://127.0.0.1:0", "--silo-port", "0", "--gateway-port", "0"], none))
        {
            (await silo.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(1, silo.Output);
            silo.Output.Should().Contain($"The secrets file {missingFile} does not exist");
        }
    }
}
