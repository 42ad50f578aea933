using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Receipts.Events;

namespace MicroEvents.IntegrationTests.Settlement;

public static class SealedRoots
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The signed roots of a drop's batches, read from the stream that records them (the drop's own).</summary>
    public static async Task<IReadOnlyList<string>> Of(DropCluster cluster, string dropId) =>
        (await cluster.Journal().ReadEvents($"drop/{dropId}", 1, 1_000_000))
            .Where(e => e.Type == "drop.batch_sealed.v1")
            .Select(e => JsonSerializer.Deserialize<BatchSealed>(e.DataJson, Json)!.Root)
            .ToList();
}
