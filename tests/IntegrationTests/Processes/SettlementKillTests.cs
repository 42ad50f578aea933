using MicroEvents.LocalStandIns.Chain;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Ports;
using MicroEvents.Receipts;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;

namespace MicroEvents.IntegrationTests.Processes;

/// <summary>
/// A real silo process SIGKILLed between submitting its anchors and their confirmation, on an anvil whose blocks
/// the test mines: the restarted silo finds them mined from its stream (recorded hashes), confirms each once and
/// signs nothing again.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class SettlementKillTests(TestChain chain) : IClassFixture<TestChain>, IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _schema = TestPostgres.NewSchema();
    private int _siloPort, _clientPort, _http;
    private string _connection = "", _contract = "";

    public async Task InitializeAsync()
    {
        _connection = await TestPostgres.ConnectionString;
        _contract = (await DropsContract.Deploy(chain.Signer(), TestChain.SignerAddress, "http://localhost/tokens/")).Address;
    }

    public async Task DisposeAsync()
    {
        await chain.AutoMining();
        await TestPostgres.DropSchema(_schema);
    }

    [Fact]
    public async Task a_silo_killed_between_submit_and_confirm_anchors_each_root_exactly_once_after_restart()
    {
        var key = await CreateOperatorKey();
        await chain.ManualMining();
        var dropId = Samples.NewId();
        string[] roots;
        var silo = await StartReadySilo();
        await using (silo)
        {
            using var http = Client(key);
            (await http.PostAsJsonAsync("/drops", Samples.Drop(dropId, supply: 50), GatewayServer.Json)).StatusCode.Should().Be(HttpStatusCode.Created);
            (await http.PostAsync($"/drops/{dropId}/open", null)).EnsureSuccessStatusCode();
            await Task.WhenAll(Enumerable.Range(1, 6).Select(async i =>
                (await http.PostAsJsonAsync($"/drops/{dropId}/claims", new { claimId = $"k{i}", wallet = Samples.Wallet(i) })).StatusCode.Should().Be(HttpStatusCode.Created)));

            // Every claim's receipt names its sealed root; each root is submitted (TxSubmitted recorded and sent), none mined.
            var receiptRoots = new HashSet<string>();
            await Eventually.True(async () =>
            {
                foreach (var i in Enumerable.Range(1, 6))
                    if (await http.GetAsync($"/drops/{dropId}/claims/k{i}/receipt") is { StatusCode: HttpStatusCode.OK } r)
                        receiptRoots.Add((await r.Content.ReadFromJsonAsync<ReceiptView>(GatewayServer.Json))!.Root);
                var settlement = await Settlement(http, dropId);
                return receiptRoots.Count > 0 && settlement.Pending.Count == receiptRoots.Count
                    && settlement.Pending.All(a => a.State == AnchorStates.Submitted && receiptRoots.Contains(a.Root));
            }, Patience, "every sealed root submitted");
            roots = [.. receiptRoots];
            (await SettlementEvents(http, "settlement.tx_confirmed.v1")).Should().BeEmpty("nothing is mined yet");

            silo.Kill(); // SIGKILL: no clean-up runs
            await silo.WaitForExit(TimeSpan.FromSeconds(30));
        }

        await chain.Mine(); // the pool's anchors are mined while no silo runs
        // Same ports: the restarted silo takes over the dead one's address, so the membership needs no death vote.
        await using var restarted = StartSilo();
        await restarted.WaitUntilReady($"{Url}/health/ready", StartTimeout);
        using var again = Client(key);
        await Eventually.True(async () =>
        {
            await chain.Mine();
            var settlement = await Settlement(again, dropId);
            return settlement.Pending.Count == 0 && settlement.Anchored.Select(a => a.Root).Order().SequenceEqual(roots.Order());
        }, Patience, "every root anchored after the restart");

        var contract = new DropsContract(chain.Signer(), _contract);
        foreach (var root in roots) (await contract.AnchorEventsFor(root)).Should().Be(1, "each root anchored exactly once on chain");
        var submitted = await SettlementEvents(again, "settlement.tx_submitted.v1");
        submitted.Where(s => s.GetProperty("dropId").GetString() == dropId).Select(s => s.GetProperty("root").GetString())
            .Should().BeEquivalentTo(roots, "one submission per root: nothing signed again at a new nonce after the kill");
        var confirmed = await SettlementEvents(again, "settlement.tx_confirmed.v1");
        confirmed.Select(c => c.GetProperty("txHash").GetString()).Should().BeEquivalentTo(
            submitted.Select(s => s.GetProperty("txHash").GetString()), "the recorded transactions are the ones confirmed");
        (await SettlementEvents(again, "settlement.tx_failed.v1")).Should().BeEmpty();
        (await restarted.Interrupt(TimeSpan.FromSeconds(30))).Should().Be(0);
    }

    private string Url => $"http://127.0.0.1:{_http}";

    private HttpClient Client(string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return http;
    }

    private static async Task<DropSettlementView> Settlement(HttpClient http, string dropId) =>
        (await http.GetFromJsonAsync<DropSettlementView>($"/drops/{dropId}/settlement", GatewayServer.Json))!;

    /// <summary>The settlement stream's events of one type, as an operator exports them.</summary>
    private static async Task<List<JsonElement>> SettlementEvents(HttpClient http, string alias)
    {
        var stream = $"settlement/{SettlementKey.Of(TestChain.ChainId, TestChain.SignerAddress)}";
        var body = await http.GetStringAsync($"/events?stream={Uri.EscapeDataString(stream)}&alias={alias}");
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("data").Clone()).ToList();
    }

    private async Task<string> CreateOperatorKey()
    {
        await using var cli = ServiceProcess.Start("MicroEvents.Silo.dll", ["keys", "create", "--role", "operator", "--label", "settlement kill", "--connection-string", _connection],
            new Dictionary<string, string> { ["Journal__Schema"] = _schema });
        (await cli.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(0, cli.Output);
        return cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(l => l.StartsWith("mev_"));
    }

    /// <summary>
    /// The first silo, on fresh free ports, started again on others if one was taken in the meantime: a port found
    /// free is only a guess, and tests running beside this one (or an outgoing connection's ephemeral port) can take it first.
    /// </summary>
    private async Task<ServiceProcess> StartReadySilo()
    {
        for (var attempt = 1; ; attempt++)
        {
            (_siloPort, _clientPort, _http) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
            var silo = StartSilo();
            try
            {
                await silo.WaitUntilReady($"{Url}/health/ready", StartTimeout);
                return silo;
            }
            catch (InvalidOperationException) when (attempt < 3 && silo.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await silo.DisposeAsync();
            }
        }
    }

    private ServiceProcess StartSilo() => ServiceProcess.Start("MicroEvents.Silo.dll",
        ["run", "--connection-string", _connection, "--urls", Url, "--silo-port", _siloPort.ToString(), "--gateway-port", _clientPort.ToString()],
        new Dictionary<string, string>
        {
            ["Journal__Schema"] = _schema,
            ["Receipts__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
            ["Claims__SecretKey"] = Convert.ToBase64String(new byte[32]),
            ["Projections__Enabled"] = "false",
            ["Settlement__RpcUrl"] = chain.RpcUrl,
            ["Settlement__SignerKey"] = LocalAnvil.DevelopmentKey,
            ["Settlement__Contract"] = _contract,
            ["Settlement__Confirmations"] = "2",
            ["Settlement__PollInterval"] = "00:00:00.200",
        });
}
