using System.Numerics;
using System.Text.Json;
using MicroEvents.Signatures.Challenges;
using MicroEvents.Signatures.Custody;
using Nethereum.ABI.EIP712;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MicroEvents.UnitTests.Signatures;

public class Eip712VectorTests
{
    [Fact]
    public void the_EIP712_Mail_reference_example_hashes_to_its_published_digest()
    {
        var typedData = new TypedData<Domain>
        {
            Domain = new Domain { Name = "Ether Mail", Version = "1", ChainId = 1, VerifyingContract = "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
            Types = new Dictionary<string, MemberDescription[]>
            {
                ["EIP712Domain"] =
                [
                    new() { Name = "name", Type = "string" }, new() { Name = "version", Type = "string" },
                    new() { Name = "chainId", Type = "uint256" }, new() { Name = "verifyingContract", Type = "address" },
                ],
                ["Person"] = [new() { Name = "name", Type = "string" }, new() { Name = "wallet", Type = "address" }],
                ["Mail"] = [new() { Name = "from", Type = "Person" }, new() { Name = "to", Type = "Person" }, new() { Name = "contents", Type = "string" }],
            },
            PrimaryType = "Mail",
            Message =
            [
                new MemberValue { TypeName = "Person", Value = Person("Cow", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826") },
                new MemberValue { TypeName = "Person", Value = Person("Bob", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB") },
                new MemberValue { TypeName = "string", Value = "Hello, Bob!" },
            ],
        };

        TypedDataDigest.Of(typedData).ToHex().Should().Be("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    }

    [Theory]
    [InlineData("SelfCustodyClaim")]
    [InlineData("CustodialClaim")]
    [InlineData("AcceptHandOff")]
    public void each_claim_challenge_kind_hashes_and_recovers_like_ethers_does(string primaryType)
    {
        var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Signatures", "Vectors", "claim-challenges.json"))).RootElement;
        var vector = file.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("primaryType").GetString() == primaryType);
        var domain = vector.GetProperty("domain");
        var m = vector.GetProperty("message");
        string Text(string name) => m.GetProperty(name).GetString()!;
        var terms = primaryType switch
        {
            "SelfCustodyClaim" => ChallengeTerms.SelfCustody(Text("drop"), Text("wallet"), Text("tier")),
            // The email as the claimant typed it: hashed here exactly as ethers hashed its normalised form.
            "CustodialClaim" => ChallengeTerms.Custodial(Text("drop"), Text("wallet"), Text("tier"), ClaimEmail.Hash(file.GetProperty("email").GetString()!)),
            _ => ChallengeTerms.HandOff(Text("drop"), Text("claimId"), Text("wallet")),
        };
        var challenge = new ClaimChallenge(
            new ChallengeDomain(domain.GetProperty("name").GetString()!, domain.GetProperty("version").GetString()!,
                new BigInteger(domain.GetProperty("chainId").GetInt64()), domain.GetProperty("verifyingContract").GetString()!),
            terms, Nonce(Text("nonce")), m.GetProperty("expiry").GetInt64());

        challenge.PrimaryType.Should().Be(primaryType);
        challenge.Terms.Members().Select(x => x.Name).Should().Equal(vector.GetProperty("types").GetProperty(primaryType).EnumerateArray().Select(x => x.GetProperty("name").GetString()));
        challenge.Digest().ToHex(prefix: true).Should().Be(vector.GetProperty("digest").GetString());
        WalletSignature.TryParse(vector.GetProperty("signature").GetString(), out var signature).Should().BeTrue();
        signature.RecoverSigner(challenge.Digest()).Should().Be(file.GetProperty("signer").GetString());
    }

    private static ChallengeNonce Nonce(string hex) => ChallengeNonce.TryParse(hex, out var n) ? n : throw new FormatException(hex);

    private static MemberValue[] Person(string name, string wallet) =>
    [
        new MemberValue { TypeName = "string", Value = name },
        new MemberValue { TypeName = "address", Value = wallet },
    ];
}
