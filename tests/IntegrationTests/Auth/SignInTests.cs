using System.Net;
using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Auth;

/// <summary>Creators sign in with their wallet (EIP-4361, real secp256k1 keys) and manage only their own drops.</summary>
[Collection(SharedGateway.Name)]
public class SignInTests(GatewayServer server)
{
    [Fact]
    public async Task a_signed_in_creator_creates_and_runs_their_own_drop_but_not_someone_elses()
    {
        var creator = new CreatorWallet(server);
        using var asCreator = server.NewClient(await creator.SignIn());

        var own = Samples.NewId("own");
        (await asCreator.PostJson("/drops", Samples.Drop(own) with { Creator = creator.Address.ToLowerInvariant() })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await asCreator.PostAsync($"/drops/{own}/open", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await asCreator.GetAsync($"/drops/{own}/events")).StatusCode.Should().Be(HttpStatusCode.OK);

        var forOther = await asCreator.PostJson("/drops", Samples.Drop(Samples.NewId("other")));
        forOther.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await forOther.Problem()).GetProperty("type").GetString().Should().Be("/problems/forbidden");

        var operatorsDrop = Samples.NewId("ops");
        (await server.Http.PostJson("/drops", Samples.Drop(operatorsDrop))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{operatorsDrop}/open", null)).EnsureSuccessStatusCode();
        var close = await asCreator.PostAsync($"/drops/{operatorsDrop}/close", null);
        close.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await close.Problem()).GetProperty("type").GetString().Should().Be("/problems/forbidden");
        (await server.Anonymous.GetStringAsync($"/drops/{operatorsDrop}")).Should().Contain("\"status\":\"open\"", "a refused close changes nothing");
        (await asCreator.GetAsync($"/drops/{operatorsDrop}/events")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task the_token_names_the_checksummed_wallet_and_expires_with_the_message()
    {
        var creator = new CreatorWallet(server);
        var message = creator.Message(await creator.Nonce(), expiresIn: TimeSpan.FromMinutes(3));

        var response = await creator.Submit(message, creator.Sign(message));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var session = await response.Read<JsonElement>();
        server.Secrets.Add(session.GetProperty("token").GetString()!);
        session.GetProperty("wallet").GetString().Should().Be(creator.Address);
        session.GetProperty("tokenType").GetString().Should().Be("Bearer");
        session.GetProperty("expiresAt").GetDateTimeOffset().Should().Be(server.Clock.GetUtcNow().AddMinutes(3));
    }

    public static TheoryData<string> Refusals => ["replayed nonce", "unknown nonce", "other domain", "expired", "issued long ago",
        "signed by another wallet", "altered after signing", "garbage signature", "not a siwe message"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task a_sign_in_that_is_not_genuine_fresh_and_for_this_api_is_unauthorized(string scenario)
    {
        var creator = new CreatorWallet(server);
        var nonce = await creator.Nonce();
        var message = creator.Message(nonce);
        var signature = creator.Sign(message);
        switch (scenario)
        {
            case "replayed nonce": (await creator.Submit(message, signature)).EnsureSuccessStatusCode(); break;
            case "unknown nonce": message = creator.Message("abcdef0123456789"); signature = creator.Sign(message); break;
            case "other domain": message = creator.Message(nonce, domain: "evil.example"); signature = creator.Sign(message); break;
            case "expired": message = creator.Message(nonce, expiresIn: TimeSpan.FromSeconds(-1)); signature = creator.Sign(message); break;
            case "issued long ago": message = creator.Message(nonce, issuedAt: server.Clock.GetUtcNow().AddHours(-1)); signature = creator.Sign(message); break;
            case "signed by another wallet": signature = new CreatorWallet(server).Sign(message); break;
            case "altered after signing": message = message.Replace("Sign in to manage", "Sign in to delete"); break;
            case "garbage signature": signature = "0x" + new string('1', 130); break;
            case "not a siwe message": message = "please let me in"; signature = creator.Sign(message); break;
        }

        var response = await creator.Submit(message, signature);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, scenario);
        var problem = await response.Problem();
        problem.GetProperty("type").GetString().Should().Be("/problems/unauthorized");
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task a_tampered_or_expired_token_is_refused_with_401()
    {
        var creator = new CreatorWallet(server);
        var token = await creator.SignIn();
        var drop = Samples.NewId("tok");
        var parts = token.Split('.');
        var otherWallet = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"iss":"microevents","sub":"{{Samples.Creator}}","role":"creator","iat":1,"exp":9999999999}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        foreach (var bad in new[] { $"{parts[0]}.{otherWallet}.{parts[2]}", $"eyJhbGciOiJub25lIn0.{parts[1]}.", token[..^2] + "AA" })
        {
            var response = await server.NewClient(bad).PostJson("/drops", Samples.Drop(drop));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await response.Problem()).GetProperty("type").GetString().Should().Be("/problems/unauthorized");
        }

        var now = server.Clock.GetUtcNow();
        server.Clock.Set(now.AddMinutes(16));
        try
        {
            (await server.NewClient(token).PostJson("/drops", Samples.Drop(drop) with { Creator = creator.Address }))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "creator tokens live 15 minutes");
        }
        finally
        {
            server.Clock.Set(now);
        }
    }
}
