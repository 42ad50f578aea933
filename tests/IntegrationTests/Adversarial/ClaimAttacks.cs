using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Claims;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// What an attacker of the claim routes does, from outside: ask for challenges, sign them with keys of its own,
/// and re-send valid signed bodies with something changed. Only the public HTTP API, so the same attacks run
/// against any build.
/// </summary>
static class ClaimAttacks
{
    public record SelfCustodyBody(string Wallet, string Nonce, long Expiry, string Signature, string? Tier = null, object? Domain = null);

    public record CustodialBody(string Wallet, string Nonce, long Expiry, string Signature, string Email, string? Tier = null, object? Domain = null);

    public record HandOffBody(string Wallet, string Nonce, long Expiry, string Signature, string? EphemeralSignature = null, string? Code = null);

    public static async Task<string> OpenDrop(GatewayServer server, string prefix, params TierAllocation[] tiers)
    {
        var id = Samples.NewId(prefix);
        (await server.Http.PostJson("/drops", Samples.Drop(id, supply: 10, tiers: tiers))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }

    public static async Task<JsonElement> Challenge(GatewayServer server, string drop, object request)
    {
        var response = await server.Anonymous.PostJson($"/drops/{drop}/challenges", request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Read<JsonElement>();
    }

    public static async Task<SelfCustodyBody> SelfCustody(GatewayServer server, string drop, TestWallet wallet, string? tier = null)
    {
        var c = await Challenge(server, drop, new { wallet = wallet.Address, kind = "self-custody", tier });
        return new(wallet.Address, Nonce(c), Expiry(c), wallet.SignTypedData(c.GetProperty("typedData")), tier);
    }

    public static async Task<CustodialBody> Custodial(GatewayServer server, string drop, TestWallet phone, string email, string? tier = null)
    {
        var c = await Challenge(server, drop, new { wallet = phone.Address, kind = "custodial", email, tier });
        return new(phone.Address, Nonce(c), Expiry(c), phone.SignTypedData(c.GetProperty("typedData")), email, tier);
    }

    public static async Task<HandOffBody> HandOffProof(GatewayServer server, string drop, string claimId, TestWallet wallet, string? ephemeralSignature = null, string? code = null)
    {
        var c = await Challenge(server, drop, new { wallet = wallet.Address, kind = "hand-off", claimId });
        return new(wallet.Address, Nonce(c), Expiry(c), wallet.SignTypedData(c.GetProperty("typedData")), ephemeralSignature, code);
    }

    public static string Nonce(JsonElement challenge) => challenge.GetProperty("nonce").GetString()!;

    public static long Expiry(JsonElement challenge) => challenge.GetProperty("expiry").GetInt64();

    public static async Task ShouldBeProblem(this HttpResponseMessage response, int status, string type, string because = "")
    {
        var problem = await response.Problem();
        ((int)response.StatusCode).Should().Be(status, $"{because} ({problem})");
        problem.GetProperty("type").GetString().Should().Be($"/problems/{type}", because);
    }

    public static async Task<long> Minted(GatewayServer server, string drop) =>
        (await server.Http.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json))!.Minted;

    /// <summary>The claim actor's stream: empty when nothing was stored for the claim id.</summary>
    public static async Task<IReadOnlyList<string>> ClaimEvents(GatewayServer server, string drop, string claimId) =>
        (await server.Journal().ReadEvents($"claim/{ClaimKey.Of(drop, claimId)}", 1, 100)).Select(e => e.Type).ToList();

    /// <summary>The same signature with v as 0/1 instead of 27/28 (or back): recovers the same signer.</summary>
    public static string WithOtherV(string signature)
    {
        var bytes = signature.HexToByteArray();
        bytes[64] = bytes[64] >= 27 ? (byte)(bytes[64] - 27) : (byte)(bytes[64] + 27);
        return bytes.ToHex(prefix: true);
    }

    /// <summary>The EIP-2098 compact form: r ‖ (yParity · 2^255 | s), 64 bytes.</summary>
    public static string Compact(string signature)
    {
        var bytes = signature.HexToByteArray();
        var compact = bytes[..64];
        if (bytes[64] is 28 or 1) compact[32] |= 0x80;
        return compact.ToHex(prefix: true);
    }
}
