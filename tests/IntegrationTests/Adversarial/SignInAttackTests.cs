using System.Net;
using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// Sign-In with Ethereum under attack, every message VALIDLY signed by the wallet: only a message addressed to this
/// API (domain, URI, chain from configuration, never the request), fresh, with an unused nonce, gets a token.
/// </summary>
[Collection(NodeAttackCluster.Name)]
public class SignInAttackTests(NodeAttackServer server)
{
    [Fact]
    public async Task a_message_signed_for_a_phishing_site_is_refused_even_when_the_request_names_that_host()
    {
        var victim = new CreatorWallet(server);
        var message = victim.Message(await victim.Nonce(), domain: "evil.example", uri: "https://evil.example/");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/siwe")
        {
            Content = JsonContent(new { message, signature = victim.Sign(message) }),
        };
        request.Headers.Host = "evil.example";

        var response = await server.Anonymous.SendAsync(request);

        await ShouldBeRefused(response, "another domain");
    }

    public static TheoryData<string> ValidlySignedButNotForUs => ["wrong uri", "look-alike uri", "uri with userinfo", "wrong chain", "expired", "not yet valid", "issued in the future"];

    [Theory, MemberData(nameof(ValidlySignedButNotForUs))]
    public async Task a_validly_signed_message_not_addressed_to_this_api_now_is_refused(string scenario)
    {
        var creator = new CreatorWallet(server);
        var nonce = await creator.Nonce();
        var origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        var message = scenario switch
        {
            "wrong uri" => creator.Message(nonce, uri: "https://evil.example/login"),
            "look-alike uri" => creator.Message(nonce, uri: origin + ".evil.example/"),
            "uri with userinfo" => creator.Message(nonce, uri: $"http://{server.BaseAddress.Authority}@evil.example/"),
            "wrong chain" => creator.Message(nonce, chainId: 1),
            "expired" => creator.Message(nonce, expiresIn: TimeSpan.FromSeconds(-1)),
            "not yet valid" => creator.Message(nonce, notBefore: TimeSpan.FromMinutes(5)),
            "issued in the future" => creator.Message(nonce, issuedAt: server.Clock.GetUtcNow().AddMinutes(5)),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        await ShouldBeRefused(await creator.Submit(message, creator.Sign(message)), scenario);

        // The refusal did not burn the nonce: the genuine message with it still signs in.
        var genuine = creator.Message(nonce);
        (await creator.Submit(genuine, creator.Sign(genuine))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string> Reencodings => ["v 0/1", "v 27/28 again", "high s", "64-byte compact"];

    [Theory, MemberData(nameof(Reencodings))]
    public async Task a_used_sign_in_re_encoded_is_refused(string encoding)
    {
        var creator = new CreatorWallet(server);
        var message = creator.Message(await creator.Nonce());
        var signature = creator.Sign(message);
        var first = await creator.Submit(message, signature);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Secrets.Add((await first.Read<JsonElement>()).GetProperty("token").GetString()!);

        await ShouldBeRefused(await creator.Submit(message, SignatureEncodings.Of(signature, encoding)), encoding);
    }

    [Theory]
    [InlineData("high s")]
    [InlineData("64-byte compact")]
    public async Task a_non_canonical_signature_of_a_fresh_message_is_refused(string encoding)
    {
        var creator = new CreatorWallet(server);
        var message = creator.Message(await creator.Nonce());

        await ShouldBeRefused(await creator.Submit(message, SignatureEncodings.Of(creator.Sign(message), encoding)), encoding);
    }

    [Fact]
    public async Task v_0_or_1_is_the_same_signature_and_signs_in_once()
    {
        var creator = new CreatorWallet(server);
        var message = creator.Message(await creator.Nonce());

        var response = await creator.Submit(message, SignatureEncodings.Of(creator.Sign(message), "v 0/1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "wallets that write v as 0/1 sign the same digest");
        server.Secrets.Add((await response.Read<JsonElement>()).GetProperty("token").GetString()!);
    }

    private static async Task ShouldBeRefused(HttpResponseMessage response, string because)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, because);
        var problem = await response.Problem();
        problem.GetProperty("type").GetString().Should().Be("/problems/unauthorized");
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, GatewayServer.Json), System.Text.Encoding.UTF8, "application/json");
}

/// <summary>Re-encodings of one 65-byte secp256k1 signature: the same (r, s) and digest, different bytes.</summary>
public static class SignatureEncodings
{
    private static readonly System.Numerics.BigInteger N =
        System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    public static string Of(string signature, string encoding)
    {
        var bytes = signature.HexToByteArray();
        var v = bytes[64] < 27 ? bytes[64] + 27 : bytes[64];
        switch (encoding)
        {
            case "v 0/1": bytes[64] = (byte)(v - 27); break;
            case "v 27/28 again": bytes[64] = (byte)v; break;
            case "high s":
                var s = new System.Numerics.BigInteger(bytes[32..64], isUnsigned: true, isBigEndian: true);
                (N - s).ToByteArray(isUnsigned: true, isBigEndian: true).PadTo32().CopyTo(bytes, 32);
                bytes[64] = (byte)(v == 27 ? 28 : 27);
                break;
            case "64-byte compact":
                // EIP-2098: the parity goes into the top bit of s.
                if (v == 28) bytes[32] |= 0x80;
                bytes = bytes[..64];
                break;
            default: throw new ArgumentOutOfRangeException(nameof(encoding));
        }
        return bytes.ToHex(prefix: true);
    }

    private static byte[] PadTo32(this byte[] value) => value.Length >= 32 ? value : [.. new byte[32 - value.Length], .. value];
}
