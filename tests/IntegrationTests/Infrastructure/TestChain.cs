using MicroEvents.LocalStandIns.Chain;
using MicroEvents.Settlement.Chain;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh anvil per fixture (a real EVM, started from npm's binary), with helpers for its development RPC calls.
/// Owned by the run (<see cref="OwnedProcesses"/>) like its PostgreSQL and silos: anvil's own watcher is a plain child of
/// the test host, and an anvil that outlived it had no record for the next run's sweep to find.
/// </summary>
public sealed class TestChain : IAsyncLifetime
{
    public const long ChainId = 31337;
    private LocalAnvil? _anvil;
    private OwnedProcess? _owned;

    public string RpcUrl => _anvil!.RpcUrl;

    public static string SignerAddress { get; } = new Account(LocalAnvil.DevelopmentKey).Address;

    public async Task InitializeAsync()
    {
        _anvil = await LocalAnvil.StartAsync();
        _owned = OwnedProcesses.Own(_anvil.ProcessId, $"anvil on {_anvil.RpcUrl}", "TERM");
    }

    /// <summary>anvil's first development account: the settlement signer in these tests.</summary>
    public Web3 Signer() => As(LocalAnvil.DevelopmentKey);

    public Web3 As(string privateKey) => new(new Account(privateKey, ChainId), RpcUrl);

    public Task<T> Rpc<T>(string method, params object[] args) => new Web3(RpcUrl).Client.SendRequestAsync<T>(method, null, args);

    /// <summary>Blocks only when <see cref="Mine"/> says so: transactions wait in the pool.</summary>
    public async Task ManualMining()
    {
        await Rpc<object>("evm_setAutomine", false);
        await Rpc<object>("evm_setIntervalMining", 0);
    }

    /// <summary>The silo's settlement settings for this chain and <paramref name="contract"/>: the development signer, polling every 200 ms.</summary>
    public void Settle(IDictionary<string, string?> settings, string contract)
    {
        settings["Settlement:RpcUrl"] = RpcUrl;
        settings["Settlement:SignerKey"] = LocalAnvil.DevelopmentKey;
        settings["Settlement:Contract"] = contract;
        settings["Settlement:PollInterval"] = TimeSpan.FromMilliseconds(200).ToString();
    }

    public Task AutoMining() => Rpc<object>("evm_setAutomine", true);

    public async Task Mine(int blocks = 1)
    {
        for (var i = 0; i < blocks; i++) await Rpc<object>("evm_mine");
    }

    public async Task<string?> BlockHash(long number) =>
        (await new Web3(RpcUrl).Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new Nethereum.Hex.HexTypes.HexBigInteger(number)))?.BlockHash;

    public async Task Fund(string address) =>
        await Rpc<object>("anvil_setBalance", address, "0x56BC75E2D63100000"); // 100 ether

    public async Task DisposeAsync()
    {
        if (_anvil is not null) await _anvil.DisposeAsync();
        _owned?.Release();
    }
}
