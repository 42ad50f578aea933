using System.Net.Http.Json;
using System.Text.Json;
using Nethereum.Signer;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>A creator's wallet doing Sign-In with Ethereum against the gateway: a real key, a real EIP-191 signature.</summary>
public sealed class CreatorWallet(GatewayServer server)
{
    public EthECKey Key { get; } = EthECKey.GenerateKey();

    public string Address => Key.GetPublicAddress();

    public async Task<string> Nonce()
    {
        var nonce = await server.Anonymous.GetFromJsonAsync<JsonElement>("/auth/nonce");
        return nonce.GetProperty("nonce").GetString()!;
    }

    /// <summary>The chain the gateway expects in sign-in messages (Claims:ChainId's default).</summary>
    public const long ChainId = MicroEvents.Signatures.Challenges.ChallengeDomain.DefaultChainId;

    /// <summary>The standard EIP-4361 message, with times from the test cluster's clock.</summary>
    public string Message(string nonce, string? domain = null, TimeSpan? expiresIn = null, DateTimeOffset? issuedAt = null,
        string? uri = null, long chainId = ChainId, TimeSpan? notBefore = null)
    {
        var now = issuedAt ?? server.Clock.GetUtcNow();
        var lines = new List<string>
        {
            $"{domain ?? server.BaseAddress.Authority} wants you to sign in with your Ethereum account:",
            Address,
            "",
            "Sign in to manage your drops.",
            "",
            $"URI: {uri ?? server.BaseAddress.ToString()}",
            "Version: 1",
            $"Chain ID: {chainId}",
            $"Nonce: {nonce}",
            $"Issued At: {now:yyyy-MM-ddTHH:mm:ssZ}",
        };
        if (expiresIn is { } e) lines.Add($"Expiration Time: {now + e:yyyy-MM-ddTHH:mm:ssZ}");
        if (notBefore is { } b) lines.Add($"Not Before: {now + b:yyyy-MM-ddTHH:mm:ssZ}");
        return string.Join('\n', lines);
    }

    public string Sign(string message) => new EthereumMessageSigner().EncodeUTF8AndSign(message, Key);

    public Task<HttpResponseMessage> Submit(string message, string signature) =>
        server.Anonymous.PostJson("/auth/siwe", new { message, signature });

    /// <summary>Signs in and returns the creator token.</summary>
    public async Task<string> SignIn()
    {
        var message = Message(await Nonce(), expiresIn: TimeSpan.FromMinutes(5));
        var response = await Submit(message, Sign(message));
        response.EnsureSuccessStatusCode();
        var token = (await response.Read<JsonElement>()).GetProperty("token").GetString()!;
        server.Secrets.Add(token);
        return token;
    }
}
