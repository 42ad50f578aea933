using System.Text.Json;
using System.Text.Json.Nodes;
using MicroEvents.IntegrationTests.Infrastructure;
using static MicroEvents.IntegrationTests.Adversarial.ClaimAttacks;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>Signatures made under another chain or contract (said so, or not): refused, nothing minted.</summary>
[Collection(SharedClaimServer.Name)]
public class ClaimDomainTests(ClaimServer server)
{
    [Fact]
    public async Task a_claim_signed_for_another_chain_or_contract_is_refused()
    {
        var drop = await OpenDrop(server, "domain");
        var wallet = new TestWallet();
        var challenge = await Challenge(server, drop, new { wallet = wallet.Address });
        var typedData = JsonNode.Parse(challenge.GetProperty("typedData").GetRawText())!;
        var signed = new SelfCustodyBody(wallet.Address, Nonce(challenge), Expiry(challenge), wallet.SignTypedData(challenge.GetProperty("typedData")));

        foreach (var (field, value) in new (string, JsonNode)[] { ("chainId", 1), ("verifyingContract", "0x5FbDB2315678afecb367f032d93F642f64180aa3") })
        {
            var other = typedData.DeepClone();
            other["domain"]![field] = value;
            var elsewhere = JsonSerializer.Deserialize<JsonElement>(other.ToJsonString());
            var saidSo = signed with { Signature = wallet.SignTypedData(elsewhere), Domain = elsewhere.GetProperty("domain") };
            await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", saidSo)).ShouldBeProblem(403, "wrong-domain", field);
            var unsaid = signed with { Signature = wallet.SignTypedData(elsewhere) };
            await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", unsaid)).ShouldBeProblem(403, "signer-mismatch", field);
        }
        (await Minted(server, drop)).Should().Be(0);
    }
}
