using MicroEvents.LocalStandIns.Chain;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Receipts;
using MicroEvents.Settlement.Chain;
using MicroEvents.Signatures.Receipts;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MicroEvents.IntegrationTests.Settlement;

/// <summary>The contract on a real EVM (anvil): a drop of 1,000 mints anchored root by root, holders mint with their receipts.</summary>
public class OnChainClaimTests(ReceiptCluster cluster, TestChain chain) : IClassFixture<ReceiptCluster>, IClassFixture<TestChain>
{
    private const string MetadataBase = "http://localhost:5080/tokens/";

    [Fact]
    public async Task holders_mint_their_tokens_with_receipt_proofs_against_anchored_roots_and_each_token_only_once()
    {
        var holders = Enumerable.Range(0, 3).Select(_ => new TestWallet()).ToArray();
        var (dropId, roots) = await DropOfMints(1500, i => i <= holders.Length ? holders[i - 1].Address : Samples.Wallet(i));
        var receipts = await Receipts(dropId, [1, 2, 3, 500, 501, 600, 601, 700]);
        var contract = await DropsContract.Deploy(chain.Signer(), LocalAnvilSigner, MetadataBase);
        roots.Count.Should().BeGreaterThan(1, "1,500 mints are more than one seal holds (1,000): several roots");
        roots.Should().Contain(receipts.Values.Select(r => r.Root));
        foreach (var root in roots) (await contract.Anchor(dropId, root)).Status.Value.Should().Be(1);

        (await contract.LeafOf(receipts[1].Leaf)).ToHex(true).Should().Be(
            ReceiptLeaf(receipts[1]).Hash().ToHex(true), "the contract hashes a leaf exactly as the receipts do");

        for (var i = 0; i < holders.Length; i++)
        {
            await chain.Fund(holders[i].Address);
            var asHolder = new DropsContract(chain.As(holders[i].Key.GetPrivateKey()), contract.Address);
            (await asHolder.Claim(receipts[i + 1], holders[i].Address)).Status.Value.Should().Be(1);
            var tokenId = await contract.TokenIdOf(dropId, receipts[i + 1].Leaf.TokenNumber);
            (await contract.OwnerOf(tokenId)).Should().BeEquivalentTo(holders[i].Address);
            (await contract.TokenUri(tokenId)).Should().Be($"{MetadataBase}{contract.Address.ToLowerInvariant()}/{tokenId}");
        }

        // Anyone may pay the gas to deliver a token to its holder, never to themselves.
        var relayed = receipts[500];
        (await contract.Claim(relayed, relayed.Leaf.Holder)).Status.Value.Should().Be(1);
        (await contract.OwnerOf(await contract.TokenIdOf(dropId, relayed.Leaf.TokenNumber))).Should().BeEquivalentTo(relayed.Leaf.Holder);
        (await Revert(() => contract.Claim(receipts[501], LocalAnvilSigner))).IsCustomErrorFor<NotTheHolderError>().Should().BeTrue();

        (await Revert(() => contract.Claim(relayed, relayed.Leaf.Holder))).IsCustomErrorFor<TokenAlreadyClaimedError>()
            .Should().BeTrue("a token is minted at most once");
        var wrongProof = receipts[600] with { Proof = [.. receipts[600].Proof.Skip(1).Prepend("0x" + string.Concat(Enumerable.Repeat("ab", 32)))] };
        (await Revert(() => contract.Claim(wrongProof, wrongProof.Leaf.Holder))).IsCustomErrorFor<InvalidProofError>().Should().BeTrue();
        var forgedLeaf = receipts[600] with { Leaf = receipts[600].Leaf with { TokenNumber = receipts[601].Leaf.TokenNumber } };
        (await Revert(() => contract.Claim(forgedLeaf, forgedLeaf.Leaf.Holder))).IsCustomErrorFor<InvalidProofError>().Should().BeTrue();
        (await contract.Claim(receipts[600], receipts[600].Leaf.Holder)).Status.Value.Should().Be(1, "the untouched receipt still claims");
    }

    [Fact]
    public async Task only_the_settlement_signer_anchors_and_a_root_is_anchored_once()
    {
        var contract = await DropsContract.Deploy(chain.Signer(), LocalAnvilSigner, MetadataBase);
        var stranger = new TestWallet();
        await chain.Fund(stranger.Address);
        var root = "0x" + new string('1', 64);

        (await Revert(() => new DropsContract(chain.As(stranger.Key.GetPrivateKey()), contract.Address).Anchor("d", root)))
            .IsCustomErrorFor<NotSettlementSignerError>().Should().BeTrue();
        (await contract.IsAnchored("d", root)).Should().BeFalse();

        (await contract.Anchor("d", root)).Status.Value.Should().Be(1);
        (await Revert(() => contract.Anchor("d", root))).IsCustomErrorFor<AlreadyAnchoredError>().Should().BeTrue();
        (await contract.IsAnchored("d", root)).Should().BeTrue();
        (await contract.IsAnchored("other-drop", root)).Should().BeFalse("roots are anchored per drop");
        (await contract.AnchorEventsFor(root)).Should().Be(1);
    }

    [Fact]
    public async Task a_hand_off_signed_by_the_leafs_holder_delivers_the_token_to_the_named_wallet_once_and_custody_moves_only_what_it_holds()
    {
        TestWallet phone = new(), own = new(), stranger = new();
        // Tokens 2 and 3 are custodial: their leaves name the custody account (the settlement signer) as holder.
        var (dropId, roots) = await DropOfMints(4, i => i == 1 ? phone.Address : Samples.Wallet(i), i => i is 2 or 3 ? LocalAnvilSigner : null);
        var receipts = await Receipts(dropId, [1, 2, 3, 4]);
        var contract = await DropsContract.Deploy(chain.Signer(), LocalAnvilSigner, MetadataBase);
        foreach (var root in roots) (await contract.Anchor(dropId, root)).Status.Value.Should().Be(1);
        await chain.Fund(own.Address);
        var asOwn = new DropsContract(chain.As(own.Key.GetPrivateKey()), contract.Address);
        byte[] Leaf(int i) => ReceiptLeaf(receipts[i]).Hash();
        string Signed(string key, int i, string to) => HandOffs.Sign(key, HandOffs.Digest(TestChain.ChainId, contract.Address, Leaf(i), to));

        (await contract.HandOffDigest(Leaf(1), own.Address)).ToHex(true).Should().Be(
            HandOffs.Digest(TestChain.ChainId, contract.Address, Leaf(1), own.Address).ToHex(true), "the wallet can check what it is given");

        // The leaf's holder (a key with no ether) signs; the collector's wallet sends and pays.
        (await asOwn.ClaimHandedOff(receipts[1], own.Address, Signed(phone.Key.GetPrivateKey(), 1, own.Address))).Status.Value.Should().Be(1);
        (await contract.OwnerOf(TokenIds.Of(dropId, receipts[1].Leaf.TokenNumber))).Should().BeEquivalentTo(own.Address);
        (await Revert(() => asOwn.ClaimHandedOff(receipts[1], own.Address, Signed(phone.Key.GetPrivateKey(), 1, own.Address))))
            .IsCustomErrorFor<TokenAlreadyClaimedError>().Should().BeTrue("a second delivery of the same token");

        // Forged: a stranger's signature, a hand-off redirected to another wallet, one signed for another leaf.
        (await Revert(() => asOwn.ClaimHandedOff(receipts[2], own.Address, Signed(stranger.Key.GetPrivateKey(), 2, own.Address))))
            .IsCustomErrorFor<InvalidHandOffError>().Should().BeTrue();
        (await Revert(() => asOwn.ClaimHandedOff(receipts[2], stranger.Address, Signed(LocalAnvil.DevelopmentKey, 2, own.Address))))
            .IsCustomErrorFor<InvalidHandOffError>().Should().BeTrue();
        (await Revert(() => asOwn.ClaimHandedOff(receipts[2], own.Address, Signed(phone.Key.GetPrivateKey(), 1, own.Address))))
            .IsCustomErrorFor<InvalidHandOffError>().Should().BeTrue();

        // The custody account can never move a token whose leaf names a wallet (a self-custody claim).
        (await Revert(() => asOwn.ClaimHandedOff(receipts[4], own.Address, Signed(LocalAnvil.DevelopmentKey, 4, own.Address))))
            .IsCustomErrorFor<InvalidHandOffError>().Should().BeTrue("the custody account does not hold a wallet's token");

        // A lost phone: the custody account, the holder, signs the hand-off it checked with the mailed code.
        (await asOwn.ClaimHandedOff(receipts[2], own.Address, Signed(LocalAnvil.DevelopmentKey, 2, own.Address))).Status.Value.Should().Be(1);
        (await contract.OwnerOf(TokenIds.Of(dropId, receipts[2].Leaf.TokenNumber))).Should().BeEquivalentTo(own.Address);

        // Still in custody, never handed off: the custody account claims it for itself.
        (await contract.ClaimHandedOff(receipts[3], LocalAnvilSigner, Signed(LocalAnvil.DevelopmentKey, 3, LocalAnvilSigner))).Status.Value.Should().Be(1);
        (await contract.OwnerOf(TokenIds.Of(dropId, receipts[3].Leaf.TokenNumber))).Should().BeEquivalentTo(LocalAnvilSigner);
        (await contract.IsClaimed(dropId, receipts[3].Leaf.TokenNumber)).Should().BeTrue();
        (await contract.IsClaimed(dropId, receipts[4].Leaf.TokenNumber)).Should().BeFalse();
    }

    private static string LocalAnvilSigner => new Nethereum.Web3.Accounts.Account(LocalAnvil.DevelopmentKey).Address;

    /// <summary>A drop of <paramref name="mints"/> concurrent claims (<c>c-1</c>…), sealed; the signed roots of its batches. <paramref name="custodian"/>: custodial mints' custody account (their leaf's holder).</summary>
    private async Task<(string DropId, IReadOnlyList<string> Roots)> DropOfMints(int mints, Func<int, string> wallet, Func<int, string?>? custodian = null)
    {
        var dropId = Samples.NewId();
        var drop = await cluster.Client.OpenDrop(Samples.Drop(dropId, supply: mints));
        // In waves of at most one seal: all at once, every claim could wait for the activation's first read and land in one
        // append, and an append larger than a seal is sealed alone (one root where the test needs several).
        foreach (var wave in Enumerable.Range(1, mints).Chunk(ReceiptSealerGrain.MaxMintsPerSeal))
            await Task.WhenAll(wave.Select(i => drop.Claim(new ClaimToken($"c-{i}", wallet(i), null, custodian?.Invoke(i)))));
        await cluster.Client.GetGrain<IReceiptSealerGrain>(dropId).SealPending();
        return (dropId, await SealedRoots.Of(cluster, dropId));
    }

    private async Task<Dictionary<int, ReceiptView>> Receipts(string dropId, int[] claims)
    {
        var sealer = cluster.Client.GetGrain<IReceiptSealerGrain>(dropId);
        var receipts = new Dictionary<int, ReceiptView>();
        foreach (var i in claims) receipts[i] = await sealer.GetReceipt($"c-{i}");
        return receipts;
    }

    private static ReceiptLeaf ReceiptLeaf(ReceiptView r) =>
        new(r.Leaf.DropId, r.Leaf.TokenNumber, r.Leaf.ClaimId, r.Leaf.Holder, r.Leaf.ManifestHash, r.Leaf.MintedAt);

    private static async Task<SmartContractCustomErrorRevertException> Revert(Func<Task> transaction) =>
        (await transaction.Should().ThrowAsync<SmartContractCustomErrorRevertException>()).Which;
}
