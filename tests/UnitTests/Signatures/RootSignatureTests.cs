using MicroEvents.Signatures.Receipts;
using Nethereum.Signer;

namespace MicroEvents.UnitTests.Signatures;

/// <summary>
/// Roots are signed without Nethereum's recovery-id search (issue #30: it was half of sealing's cost); the signature must
/// be byte for byte Nethereum's (RFC 6979, low s, v = 27 + recovery id) and recover to the signer.
/// </summary>
public class RootSignatureTests
{
    [Fact]
    public void a_root_is_signed_exactly_as_nethereums_personal_sign_does_and_recovers_to_its_signer()
    {
        var random = new Random(30);
        var root = new byte[32];
        for (var n = 0; n < 300; n++)
        {
            var key = EthECKey.GenerateKey();
            random.NextBytes(root);

            var ours = RootSignature.Sign(root, key);

            ours.Should().Be(new EthereumMessageSigner().Sign(root, key));
            RootSignature.Signer(root, ours).Should().Be(key.GetPublicAddress());
        }
    }
}
