using System.Numerics;
using MicroEvents.Settlement.Chain;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MicroEvents.UnitTests.Settlement;

/// <summary>
/// The settlement signs its transactions without Nethereum's recovery-id search (issue #30: it was the readers' largest
/// allocation); the node must receive exactly the bytes Nethereum's own signing path made, and the sender must recover.
/// Nethereum's path is the one <see cref="AnchorChain"/> used before, offline: every field is given, so it calls no node.
/// </summary>
public class OfflineTransactionTests
{
    private const string NoNode = "http://127.0.0.1:9";

    [Fact]
    public async Task anchors_deliveries_and_gap_fillers_are_nethereums_signed_bytes_and_recover_to_the_signer()
    {
        var random = new Random(30);
        for (var n = 0; n < 120; n++)
        {
            var key = EthECKey.GenerateKey();
            var privateKey = key.GetPrivateKeyAsBytes();
            var chainId = random.Next(3) switch { 0 => 1, 1 => 31337, _ => random.NextInt64(1, long.MaxValue / 2) };
            var web3 = new Web3(new Account(key, chainId), NoNode);
            var contract = EthECKey.GenerateKey().GetPublicAddress();
            var nonce = random.Next(2) == 0 ? random.Next(3) : random.NextInt64(0, long.MaxValue / 2);
            var gas = random.NextInt64(21_000, 30_000_000);
            var tip = random.Next(2) == 0 ? BigInteger.Zero : new BigInteger(random.NextInt64(1, long.MaxValue));
            var maxFee = tip + new BigInteger(random.NextInt64(0, long.MaxValue)) * random.Next(1, 1000);

            var anchor = new AnchorFunction
            {
                DropId = new string('d', random.Next(0, 80)) + n, Root = Bytes(random, 32),
                Nonce = nonce, Gas = gas, MaxFeePerGas = maxFee, MaxPriorityFeePerGas = tip, TransactionType = 2,
            };
            var ours = OfflineTransaction.Call(chainId, contract, anchor).Signed(privateKey);
            ours.Should().Be((await web3.Eth.GetContractTransactionHandler<AnchorFunction>().SignTransactionAsync(contract, anchor)).EnsureHexPrefix());
            Sender(ours).Should().Be(key.GetPublicAddress());

            var delivery = new ClaimHandedOffFunction
            {
                Receipt = new ReceiptTuple { DropId = "drop-" + n, TokenNumber = random.Next(), ClaimId = "claim-" + n, Holder = key.GetPublicAddress(), ManifestHash = Bytes(random, 32), MintedAt = random.NextInt64(0, long.MaxValue) },
                Root = Bytes(random, 32), Proof = Enumerable.Range(0, random.Next(0, 12)).Select(_ => Bytes(random, 32)).ToList(),
                To = EthECKey.GenerateKey().GetPublicAddress(), HandOff = Bytes(random, 65),
                Nonce = nonce, Gas = gas, MaxFeePerGas = maxFee, MaxPriorityFeePerGas = tip, TransactionType = 2,
            };
            ours = OfflineTransaction.Call(chainId, contract, delivery).Signed(privateKey);
            ours.Should().Be((await web3.Eth.GetContractTransactionHandler<ClaimHandedOffFunction>().SignTransactionAsync(contract, delivery)).EnsureHexPrefix());
            Sender(ours).Should().Be(key.GetPublicAddress());

            var signer = key.GetPublicAddress();
            var transfer = new TransactionInput
            {
                From = signer, To = signer, Value = new HexBigInteger(0), Nonce = new HexBigInteger(nonce), Gas = new HexBigInteger(AnchorChain.GapFillerGas),
                MaxFeePerGas = new HexBigInteger(maxFee), MaxPriorityFeePerGas = new HexBigInteger(tip), Type = new HexBigInteger(2), ChainId = new HexBigInteger(chainId),
            };
            ours = new OfflineTransaction(chainId, signer, null, nonce, AnchorChain.GapFillerGas, maxFee, tip).Signed(privateKey);
            ours.Should().Be((await web3.TransactionManager.SignTransactionAsync(transfer)).EnsureHexPrefix());
            Sender(ours).Should().Be(signer);
        }
    }

    [Fact]
    public void a_hand_off_is_signed_exactly_as_nethereums_sign_and_calculate_v_does()
    {
        var random = new Random(31);
        for (var n = 0; n < 200; n++)
        {
            var key = EthECKey.GenerateKey();
            var digest = HandOffs.Digest(random.NextInt64(1, long.MaxValue), EthECKey.GenerateKey().GetPublicAddress(), Bytes(random, 32), EthECKey.GenerateKey().GetPublicAddress());

            HandOffs.Sign(key.GetPrivateKey(), digest)
                .Should().Be(EthECDSASignature.CreateStringSignature(key.SignAndCalculateV(digest)).EnsureHexPrefix());
        }
    }

    private static string Sender(string raw) => new TransactionVerificationAndRecoveryImp().GetSenderAddress(raw);

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
