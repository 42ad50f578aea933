using System.Text.Json;

namespace MicroEvents.Settlement.Chain;

/// <summary>contracts/artifacts/{name}.json (ABI + bytecode), embedded in this assembly at build time.</summary>
public sealed record ContractArtifact(string Name, string Abi, string Bytecode)
{
    public static ContractArtifact Drops { get; } = Load("MicroEventsDrops");

    public static ContractArtifact Load(string name)
    {
        using var stream = typeof(ContractArtifact).Assembly.GetManifestResourceStream($"Contracts.{name}.json")
            ?? throw new InvalidOperationException($"The contract artifact {name} is not embedded.");
        using var json = JsonDocument.Parse(stream);
        return new ContractArtifact(name, json.RootElement.GetProperty("abi").GetRawText(), json.RootElement.GetProperty("bytecode").GetString()!);
    }
}
