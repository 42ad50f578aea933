using MicroEvents.LocalStandIns.Chain;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>The real gateway over a cluster with claims, receipts and settlement on a real anvil (blocks every second).</summary>
public class SettlementServer : ClaimServer
{
    public TestChain Chain { get; } = new();
    public string Contract { get; private set; } = "";

    /// <summary>Off here, so the holder's own on-chain claim never races settlement's delivery; <see cref="DeliveringSettlementServer"/> turns it on.</summary>
    protected virtual bool DeliverHandOffs => false;

    public override async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        Contract = (await DropsContract.Deploy(Chain.Signer(), TestChain.SignerAddress, "http://localhost/tokens/")).Address;
        await Chain.Rpc<object>("evm_setIntervalMining", 1);
        await base.InitializeAsync();
    }

    protected override void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        base.ConfigureFeatures(settings);
        Chain.Settle(settings, Contract);
        settings["Settlement:Confirmations"] = "2";
        settings["Settlement:DeliverHandOffs"] = DeliverHandOffs.ToString();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Chain.DisposeAsync();
    }
}

/// <summary><see cref="SettlementServer"/> with settlement delivering custodial hand-offs on chain (the production default).</summary>
public sealed class DeliveringSettlementServer : SettlementServer
{
    protected override bool DeliverHandOffs => true;
}
