using FluentAssertions;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Receipts;
using MicroEvents.Signatures.Receipts;

namespace MicroEvents.IntegrationTests.Drops;

/// <summary>
/// Readers must not tax the writer (issue #30): signing each append's Merkle root (and anchoring each on chain) was the
/// readers' largest CPU cost under load, so a sealer puts the appends it finds pending under one signature, up to
/// <see cref="ReceiptSealerGrain.MaxMintsPerSeal"/> mints, and every receipt still verifies offline.
/// </summary>
[Collection(SharedDropCluster.Name)]
public class ReceiptSealingTests(DropCluster cluster)
{
    [Fact]
    public async Task mints_of_many_appends_are_sealed_under_one_signature_and_every_receipt_verifies()
    {
        var id = Samples.NewId("sealmany");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 120));
        // Six rounds, each awaited: at least six appends.
        for (var round = 0; round < 6; round++)
            await Task.WhenAll(Enumerable.Range(round * 20, 20).Select(i => drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null))));

        var sealer = cluster.Client.GetGrain<IReceiptSealerGrain>(id);
        (await sealer.SealPending()).Should().Be(1, "120 mints over six appends are one seal: one signature, one root to anchor");
        (await drop.GetSummary()).SealedThrough.Should().BeGreaterThanOrEqualTo(121, "every mint is sealed");

        var signer = await sealer.GetSigner();
        var roots = new HashSet<string>();
        foreach (var i in new[] { 0, 19, 20, 59, 100, 119 })
        {
            var receipt = await sealer.GetReceipt($"c{i}");
            roots.Add(receipt.Root);
            ReceiptVerifier.Verify(Gateway.Receipts.ReceiptEndpoints.ToBatchReceipt(receipt), signer).Should().Be(ReceiptVerdict.Valid, $"claim c{i}'s receipt");
        }
        roots.Should().HaveCount(1);
    }

    [Fact]
    public async Task a_backlog_larger_than_one_seal_is_split_at_append_boundaries()
    {
        var id = Samples.NewId("sealsplit");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 2_100));
        for (var round = 0; round < 3; round++)
            await Task.WhenAll(Enumerable.Range(round * 700, 700).Select(i => drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null))));

        var sealer = cluster.Client.GetGrain<IReceiptSealerGrain>(id);
        var seals = await sealer.SealPending();
        seals.Should().BeGreaterThanOrEqualTo(3, "at most 1,000 mints per seal");
        var signer = await sealer.GetSigner();
        foreach (var i in new[] { 0, 699, 700, 1_399, 2_099 })
            ReceiptVerifier.Verify(Gateway.Receipts.ReceiptEndpoints.ToBatchReceipt(await sealer.GetReceipt($"c{i}")), signer)
                .Should().Be(ReceiptVerdict.Valid, $"claim c{i}'s receipt");
    }
}
