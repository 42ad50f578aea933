using System.Net;
using System.Text;
using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Auth;

/// <summary>
/// Operators revoke creators' tokens and rotate the key that signs them. Gateways keep a verified caller
/// for 5 s (by the test clock here), so each refusal is checked once that window has passed.
/// </summary>
[Collection(SharedGateway.Name)]
public class CreatorTokenControlTests(GatewayServer server)
{
    private static readonly TimeSpan PastCallerCache = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task a_creator_revoked_by_wallet_gets_401_once_the_caller_cache_lets_go_and_a_new_sign_in_works()
    {
        var creator = new CreatorWallet(server);
        using var asCreator = server.NewClient(await creator.SignIn());
        var id = await OwnDrop(asCreator, creator);

        var revoked = await server.Http.PostJson("/auth/creator-tokens/revocations", new { wallet = creator.Address.ToLowerInvariant(), reason = "phone stolen" });
        revoked.StatusCode.Should().Be(HttpStatusCode.OK);

        (await asCreator.PostAsync($"/drops/{id}/open", null)).StatusCode.Should().Be(HttpStatusCode.OK,
            "this gateway verified the token a moment ago and trusts it for up to 5 s");
        Advance(PastCallerCache);
        var refused = await asCreator.PostAsync($"/drops/{id}/close", null);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await refused.Problem()).GetProperty("type").GetString().Should().Be("/problems/unauthorized");
        (await server.Anonymous.GetStringAsync($"/drops/{id}")).Should().Contain("\"status\":\"open\"", "the refused close changed nothing");

        using var again = server.NewClient(await creator.SignIn());
        (await again.PostAsync($"/drops/{id}/pause", null)).StatusCode.Should().Be(HttpStatusCode.OK, "a token issued after the revocation works");
    }

    [Fact]
    public async Task a_token_revoked_by_its_id_is_refused_while_the_creators_other_tokens_work()
    {
        var creator = new CreatorWallet(server);
        var first = await creator.SignIn();
        var second = await creator.SignIn();
        using var one = server.NewClient(first);
        using var two = server.NewClient(second);

        (await server.Http.PostJson("/auth/creator-tokens/revocations", new { tokenId = TokenId(first) })).StatusCode.Should().Be(HttpStatusCode.OK);

        var id = await OwnDrop(two, creator);
        (await (await one.PostAsync($"/drops/{id}/open", null)).Problem()).GetProperty("type").GetString().Should().Be("/problems/unauthorized");
        (await two.PostAsync($"/drops/{id}/open", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task revocations_that_name_nothing_or_too_much_are_400_and_callers_other_than_operators_are_refused()
    {
        var neither = await server.Http.PostJson("/auth/creator-tokens/revocations", new { reason = "?" });
        neither.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await neither.Problem()).GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        (await server.Http.PostJson("/auth/creator-tokens/revocations", new { wallet = Samples.Creator, tokenId = new string('a', 32) })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await server.Http.PostJson("/auth/creator-tokens/revocations", new { wallet = "0x12" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await server.Http.PostJson("/auth/creator-tokens/revocations", new { wallet = Samples.Creator, reason = "a\u0000b" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await server.Http.PostJson("/auth/token-signing-key/rotate", new { overlapSeconds = -1 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var creator = new CreatorWallet(server);
        using var asCreator = server.NewClient(await creator.SignIn());
        (await asCreator.PostJson("/auth/creator-tokens/revocations", new { wallet = creator.Address })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await server.Anonymous.PostJson("/auth/token-signing-key/rotate", new { })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task after_a_rotation_new_tokens_work_and_old_ones_until_the_overlap_ends()
    {
        var creator = new CreatorWallet(server);
        using var old = server.NewClient(await creator.SignIn());
        var id = await OwnDrop(old, creator);

        var rotated = await server.Http.PostJson("/auth/token-signing-key/rotate", new { overlapSeconds = 60 });
        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        var rotation = await rotated.Read<JsonElement>();
        rotation.GetProperty("previousAcceptedUntil").GetDateTimeOffset().Should().Be(server.Clock.GetUtcNow().AddSeconds(60));
        using var fresh = server.NewClient(await creator.SignIn());

        Advance(PastCallerCache);
        (await old.PostAsync($"/drops/{id}/open", null)).StatusCode.Should().Be(HttpStatusCode.OK, "within the overlap the old key's tokens still work");
        (await fresh.PostAsync($"/drops/{id}/pause", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        Advance(TimeSpan.FromSeconds(60));
        (await (await old.PostAsync($"/drops/{id}/open", null)).Problem()).GetProperty("type").GetString().Should().Be("/problems/unauthorized");
        (await fresh.PostAsync($"/drops/{id}/open", null)).StatusCode.Should().Be(HttpStatusCode.OK, "tokens of the new key work on");
    }

    [Fact]
    public async Task an_immediate_rotation_refuses_every_token_of_the_old_key()
    {
        var creator = new CreatorWallet(server);
        using var old = server.NewClient(await creator.SignIn());
        var id = await OwnDrop(old, creator);

        (await server.Http.PostJson("/auth/token-signing-key/rotate", new { overlapSeconds = 0 })).StatusCode.Should().Be(HttpStatusCode.OK);
        using var fresh = server.NewClient(await creator.SignIn());

        Advance(PastCallerCache);
        var refused = await old.PostAsync($"/drops/{id}/open", null);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await refused.Problem()).GetProperty("type").GetString().Should().Be("/problems/unauthorized");
        (await fresh.PostAsync($"/drops/{id}/open", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private void Advance(TimeSpan by) => server.Clock.Set(server.Clock.GetUtcNow() + by);

    private static async Task<string> OwnDrop(HttpClient creator, CreatorWallet wallet)
    {
        var id = Samples.NewId("tok");
        (await creator.PostJson("/drops", Samples.Drop(id) with { Creator = wallet.Address })).StatusCode.Should().Be(HttpStatusCode.Created);
        return id;
    }

    /// <summary>The token's <c>jti</c>, read from its payload the way an operator would (base64url JSON).</summary>
    private static string TokenId(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload += new string('=', (4 - payload.Length % 4) % 4);
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.GetProperty("jti").GetString()!;
    }
}
