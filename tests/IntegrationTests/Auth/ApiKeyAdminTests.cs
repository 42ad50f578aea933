using System.Net;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Auth;

/// <summary>Operators make, list and revoke API keys over HTTP (the console's API keys page), as with the keys CLI.</summary>
[Collection(SharedGateway.Name)]
public class ApiKeyAdminTests(GatewayServer server)
{
    [Fact]
    public async Task an_operator_creates_lists_and_revokes_a_key_and_the_list_never_shows_a_key()
    {
        var expires = server.Clock.GetUtcNow() + TimeSpan.FromDays(7);
        var response = await server.Http.PostJson("/operator/api-keys", new { role = "analyst", label = "night shift", expiresAt = expires });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Read<NewApiKey>();
        server.Secrets.Add(created.Key);
        created.Details.Should().BeEquivalentTo(new { Role = "analyst", Label = "night shift", Status = "live", ExpiresAt = expires });
        created.Details.CreatedBy.Should().StartWith("key:", "the operator's key is named as the maker");

        using var analyst = server.NewClient(created.Key);
        (await analyst.GetAsync("/events?limit=1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await analyst.GetAsync("/operator/api-keys")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "only operators administer keys");

        var listText = await server.Http.GetStringAsync("/operator/api-keys");
        listText.Should().NotContain(created.Key).And.NotContain(server.OperatorKey);
        JsonSerializer.Deserialize<ApiKeyView[]>(listText, GatewayServer.Json)!.Should().ContainSingle(k => k.Id == created.Details.Id);

        var revoked = await (await server.Http.PostAsync($"/operator/api-keys/{created.Details.Id}/revoke", null)).Read<ApiKeyView>();
        revoked.Status.Should().Be("revoked");
        var again = await (await server.Http.PostAsync($"/operator/api-keys/{created.Details.Id}/revoke", null)).Read<ApiKeyView>();
        again.RevokedAt.Should().Be(revoked.RevokedAt, "revoking again keeps the first time");
        await Eventually.True(async () => (await analyst.GetAsync("/events?limit=1")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(15), "a revoked key stops working within 5 s");
    }

    [Fact]
    public async Task a_bad_key_request_is_400_naming_each_field_and_creates_nothing_and_an_unknown_id_is_404()
    {
        var before = (await (await server.Http.GetAsync("/operator/api-keys")).Read<ApiKeyView[]>()).Length;
        var bad = await server.Http.PostJson("/operator/api-keys", new { role = "creator", label = "bad\0label", expiresAt = server.Clock.GetUtcNow() - TimeSpan.FromMinutes(1) });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await bad.Problem();
        problem.GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["role", "label", "expiresAt"]);
        var blank = await server.Http.PostJson("/operator/api-keys", new { role = "operator" });
        (await blank.Problem()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Equal("label");
        (await (await server.Http.GetAsync("/operator/api-keys")).Read<ApiKeyView[]>()).Should().HaveCount(before, "nothing was created");

        var unknown = await server.Http.PostAsync("/operator/api-keys/000000000000/revoke", null);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Problem()).GetProperty("type").GetString().Should().Be("/problems/api-key-not-found");
        (await server.Anonymous.GetAsync("/operator/api-keys")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
