using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;

namespace MicroEvents.Silo.Settlement;

/// <summary>
/// The local run's chain: with no <c>Settlement:RpcUrl</c>, anvil on a free port (one block a second, its
/// state kept beside the local PostgreSQL's data), signing with anvil's first development account.
/// </summary>
public static class LocalChain
{
    /// <summary>
    /// Only for the one-command run (its own PostgreSQL too): silos of a real cluster must share one chain, so
    /// they settle only against a configured <c>Settlement:RpcUrl</c>. Null when a chain is configured, settlement
    /// is off, or anvil is not installed (then settlement is off for the run, said in the log).
    /// </summary>
    public static LocalAnvil? StartUnlessConfigured(IConfigurationManager config, bool localRun, string dataDirectory, string urls, ILogger log)
    {
        var section = config.GetSection(SettlementOptions.Section);
        if (!section.GetValue(nameof(SettlementOptions.Enabled), true) || !string.IsNullOrWhiteSpace(section[nameof(SettlementOptions.RpcUrl)])) return null;
        if (!localRun) return null;
        if (LocalAnvil.FindBinary(section[nameof(SettlementOptions.AnvilPath)]) is null)
        {
            log.LogWarning("No Settlement:RpcUrl and no anvil (npm ci in tools/contracts installs it): on-chain settlement is off for this run");
            config[$"{SettlementOptions.Section}:{nameof(SettlementOptions.Enabled)}"] = "false";
            return null;
        }
        // Beside this run's own PostgreSQL data, never shared: two local runs (or tests) under one folder each keep their chain.
        var state = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(dataDirectory))!, Path.GetFileName(Path.TrimEndingDirectorySeparator(dataDirectory)) + "-anvil", "state.json");
        var anvil = LocalAnvil.StartAsync(state, blockTime: 1,
            binaryPath: section[nameof(SettlementOptions.AnvilPath)]).GetAwaiter().GetResult();
        config[$"{SettlementOptions.Section}:{nameof(SettlementOptions.RpcUrl)}"] = anvil.RpcUrl;
        if (string.IsNullOrWhiteSpace(section[nameof(SettlementOptions.SignerKey)]))
            config[$"{SettlementOptions.Section}:{nameof(SettlementOptions.SignerKey)}"] = LocalAnvil.DevelopmentKey;
        if (string.IsNullOrWhiteSpace(section[nameof(SettlementOptions.MetadataBaseUrl)]))
            config[$"{SettlementOptions.Section}:{nameof(SettlementOptions.MetadataBaseUrl)}"] = urls.Split(';')[0].TrimEnd('/') + "/tokens/";
        log.LogInformation("Local chain (anvil) at {RpcUrl}", anvil.RpcUrl);
        return anvil;
    }

    public static bool Enabled(IConfiguration config) => SettlementSilo.Enabled(config);
}
