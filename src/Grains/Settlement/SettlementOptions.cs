namespace MicroEvents.Settlement;

/// <summary>Section <c>Settlement</c>. Fees are in gwei; the ceiling bounds every fee settlement offers, first send or replacement.</summary>
public sealed class SettlementOptions
{
    public const string Section = "Settlement";

    /// <summary>Off: no anchoring at all (claims and receipts work the same).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The EVM node; none: the project starts anvil (a local chain) for the run.</summary>
    public string? RpcUrl { get; set; }

    /// <summary>The settlement signer's private key, hex; with the local anvil its first development account when unset.</summary>
    public string? SignerKey { get; set; }

    /// <summary>A deployed MicroEventsDrops; none: the settlement actor deploys one and records it in its stream.</summary>
    public string? Contract { get; set; }

    /// <summary>Prefix of every tokenURI (the gateway's <c>/tokens/</c>), fixed at deployment.</summary>
    public string MetadataBaseUrl { get; set; } = "http://localhost:5080/tokens/";

    /// <summary>Blocks (the including block counts as one) before an anchor is final; a reorg shallower than this is survived.</summary>
    public int Confirmations { get; set; } = 3;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An unmined transaction older than this is re-sent with a higher fee under the same nonce.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Each replacement raises both fees by this much (nodes demand at least 10 %).</summary>
    public int FeeBumpPercent { get; set; } = 25;

    public long GasLimit { get; set; } = 120_000;

    /// <summary>The most settlement pays per gas; a higher fee pauses settlement (status and metric) until it falls.</summary>
    public decimal MaxFeePerGasGwei { get; set; } = 200m;

    public decimal PriorityFeeGwei { get; set; } = 1m;

    /// <summary>Mint a handed-off custodial token to the collector's wallet on chain, from the custody account, once its root is anchored.</summary>
    public bool DeliverHandOffs { get; set; } = true;

    /// <summary>Gas limit of a hand-off delivery (proof check, signature check and mint).</summary>
    public long DeliveryGasLimit { get; set; } = 300_000;

    /// <summary>Transactions in flight at once, each with its own nonce.</summary>
    public int MaxInFlight { get; set; } = 16;

    /// <summary>Period of the durable reminder that re-activates the actor after its silo died.</summary>
    public TimeSpan WakeUpEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where anvil lives when started locally (default: tools/contracts/node_modules).</summary>
    public string? AnvilPath { get; set; }
}
