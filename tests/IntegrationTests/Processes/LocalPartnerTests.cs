using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Ports;

namespace MicroEvents.IntegrationTests.Processes;

/// <summary>The run command's own partner simulator: its address is printed at start-up and served to operators, so the README's PUT can be done.</summary>
[Trait(Category.Name, Category.Slow)]
public class LocalPartnerTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _schema = TestPostgres.NewSchema();
    private readonly int _siloPort = FreePort.Next(), _clientPort = FreePort.Next(), _http = FreePort.Next();
    private string _connection = "";

    public async Task InitializeAsync() => _connection = await TestPostgres.ConnectionString;

    public Task DisposeAsync() => TestPostgres.DropSchema(_schema);

    [Fact]
    public async Task the_partner_simulators_address_is_printed_at_start_and_served_to_operators_and_its_behaviour_can_be_changed_there()
    {
        var key = await CreateKey();
        await using var silo = ServiceProcess.Start("MicroEvents.Silo.dll",
            ["run", "--connection-string", _connection, "--urls", $"http://127.0.0.1:{_http}", "--silo-port", _siloPort.ToString(), "--gateway-port", _clientPort.ToString()],
            new Dictionary<string, string> { ["Journal__Schema"] = _schema, ["Receipts__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]), ["Claims__SecretKey"] = Convert.ToBase64String(new byte[32]) });
        await silo.WaitUntilReady($"http://127.0.0.1:{_http}/health/ready", StartTimeout);

        var printed = Regex.Match(silo.Output, @"Fulfilment partner \(simulator\) at (http://127\.0\.0\.1:\d+/)");
        printed.Success.Should().BeTrue(silo.Output);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_http}") };
        (await http.GetAsync("/dev/partner")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "operators only");
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var served = await http.GetFromJsonAsync<JsonElement>("/dev/partner");
        served.GetProperty("baseUrl").GetString().Should().Be(printed.Groups[1].Value);

        using var partner = new HttpClient();
        (await partner.PutAsJsonAsync(served.GetProperty("behaviourUrl").GetString(), new { delayMs = 250, failureRate = 0.1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await http.GetFromJsonAsync<JsonElement>("/dev/partner");
        after.GetProperty("behaviour").GetProperty("delayMs").GetInt32().Should().Be(250);
        (await http.GetStringAsync("/openapi/v1.json")).Should().Contain("\"/dev/partner\"");
        (await silo.Interrupt(TimeSpan.FromSeconds(30))).Should().Be(0);
    }

    private async Task<string> CreateKey()
    {
        await using var cli = ServiceProcess.Start("MicroEvents.Silo.dll", ["keys", "create", "--role", "operator", "--label", "partner", "--connection-string", _connection],
            new Dictionary<string, string> { ["Journal__Schema"] = _schema });
        (await cli.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(0, cli.Output);
        return cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(l => l.StartsWith("mev_"));
    }
}
