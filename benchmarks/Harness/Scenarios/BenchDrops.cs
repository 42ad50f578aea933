using MicroEvents.Drops;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>The drops and claims the harness makes: one valid manifest shape, a distinct wallet per claim.</summary>
public static class BenchDrops
{
    public const string Creator = "0xc0ffee0000000000000000000000000000000000";

    public static CreateDrop Manifest(string id, long supply) => new(
        id, $"Benchmark {id}", Creator, supply, PerWalletLimit: 1, StartsAt: null, EndsAt: null, Tiers: null,
        Assets: [new DropAsset("https://assets.invalid/bench/token.png", "5f2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809", "image/png")]);

    public static async Task CreateOpen(IGrainFactory grains, string id, long supply)
    {
        var drop = grains.GetGrain<IDropGrain>(id);
        await drop.Create(Manifest(id, supply));
        await drop.Open();
    }

    /// <summary>Claim <paramref name="index"/>: its own claim id and its own (all-lowercase, so valid) wallet.</summary>
    public static ClaimToken Claim(long index) => new(ClaimId(index), Wallet(index), Tier: null);

    public static string ClaimId(long index) => $"c{index}";

    public static string Wallet(long index) => "0x" + index.ToString("x40");
}
