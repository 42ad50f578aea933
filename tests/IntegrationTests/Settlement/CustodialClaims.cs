using System.Net;
using System.Text.Json;
using MicroEvents.Claims;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Signatures.Custody;

namespace MicroEvents.IntegrationTests.Settlement;

/// <summary>Custodial claims through the real gateway: a phone's ephemeral key claims with an email, confirms the mailed code.</summary>
public static class CustodialClaims
{
    public static async Task<(string ClaimId, TestWallet Phone)> Confirmed(ClaimServer server, string drop)
    {
        var phone = new TestWallet();
        var email = $"c-{Guid.NewGuid():N}@example.com";
        var challenge = await Challenge(server, drop, new { wallet = phone.Address, kind = "custodial", email });
        var created = await server.Http.PostJson($"/drops/{drop}/custodial-claims", new
        {
            wallet = phone.Address, nonce = challenge.GetProperty("nonce").GetString(), expiry = challenge.GetProperty("expiry").GetInt64(),
            signature = phone.SignTypedData(challenge.GetProperty("typedData")), email,
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var claimId = (await created.Read<ClaimStatus>()).ClaimId;
        var code = await server.CodeMailedTo(email);
        (await server.Http.PostJson($"/drops/{drop}/claims/{claimId}/confirm",
            new { code, signature = CustodyMessages.Sign(CustodyMessages.Confirm(drop, claimId), phone.Key) })).EnsureSuccessStatusCode();
        return (claimId, phone);
    }

    public static async Task<object> WalletProof(ClaimServer server, string drop, string claimId, TestWallet wallet, string ephemeralSignature)
    {
        var challenge = await Challenge(server, drop, new { wallet = wallet.Address, kind = "hand-off", claimId });
        return new
        {
            wallet = wallet.Address, nonce = challenge.GetProperty("nonce").GetString(), expiry = challenge.GetProperty("expiry").GetInt64(),
            signature = wallet.SignTypedData(challenge.GetProperty("typedData")), ephemeralSignature,
        };
    }

    private static async Task<JsonElement> Challenge(ClaimServer server, string drop, object request) =>
        await (await server.Http.PostJson($"/drops/{drop}/challenges", request)).Read<JsonElement>();

    public static async Task HandOff(ClaimServer server, string drop, string claimId, TestWallet phone, TestWallet wallet) =>
        (await server.Http.PostJson($"/drops/{drop}/claims/{claimId}/handoff",
            await WalletProof(server, drop, claimId, wallet, CustodyMessages.Sign(CustodyMessages.HandOff(drop, claimId, wallet.Address), phone.Key)))).EnsureSuccessStatusCode();
}
