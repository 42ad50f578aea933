using MicroEvents.Drops;

namespace MicroEvents.IntegrationTests.Infrastructure;

public static class Samples
{
    public const string Creator = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    /// <summary>A distinct all-lowercase wallet per index.</summary>
    public static string Wallet(int i) => "0x" + i.ToString("x40");

    public static CreateDrop Drop(string id, long supply = 100, int? perWalletLimit = null,
        DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null, params TierAllocation[] tiers) =>
        new(id, $"Drop {id}", Creator, supply, perWalletLimit, startsAt, endsAt, tiers,
            [new DropAsset("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/1.png", new string('a', 64), "image/png")]);

    public static string NewId(string prefix = "drop") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)];

    public static async Task<IDropGrain> OpenDrop(this IClusterClient client, CreateDrop manifest)
    {
        var drop = client.GetGrain<IDropGrain>(manifest.Id);
        await drop.Create(manifest);
        await drop.Open();
        return drop;
    }
}
