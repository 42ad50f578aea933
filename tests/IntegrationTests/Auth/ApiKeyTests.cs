using System.Net;
using MicroEvents.Access;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Auth;

[Collection(SharedGateway.Name)]
public class ApiKeyTests(GatewayServer server)
{
    [Fact]
    public async Task an_operator_key_works_as_bearer_or_x_api_key_and_is_stored_only_as_a_hash()
    {
        var key = await server.NewKey(AccessRole.Operator, "header test");
        using var viaHeader = server.NewClient(null);
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", key);

        (await viaHeader.PostJson("/drops", Samples.Drop(Samples.NewId("hdr")))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await server.NewClient(key).PostJson("/drops", Samples.Drop(Samples.NewId("bearer")))).StatusCode.Should().Be(HttpStatusCode.Created);

        await using var db = new Npgsql.NpgsqlConnection(await TestPostgres.ConnectionString);
        await db.OpenAsync();
        await using var dump = new Npgsql.NpgsqlCommand($"select string_agg(t::text, ' ') from {server.Schema}.access_api_keys t", db);
        var table = (string)(await dump.ExecuteScalarAsync())!;
        table.Should().Contain(ApiKeySecret.Hash(key)).And.NotContain(key);
    }

    [Theory]
    [InlineData("mev_not-a-real-key-at-all-xxxxxxxxxxxxxxxxxx")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    public async Task an_unknown_credential_is_401_unauthorized_and_changes_nothing(string credential)
    {
        var id = Samples.NewId("unk");
        var response = await server.NewClient(credential).PostJson("/drops", Samples.Drop(id));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer");
        (await response.Problem()).GetProperty("type").GetString().Should().Be("/problems/unauthorized");
        (await server.Anonymous.GetAsync($"/drops/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task revoked_and_expired_keys_stop_working()
    {
        var (revoked, revokedKey) = await server.Keys.Create(AccessRole.Operator, "to revoke", null);
        var (_, expiredKey) = await server.Keys.Create(AccessRole.Operator, "short-lived", DateTimeOffset.UtcNow.AddDays(1));
        server.Secrets.AddRange([revokedKey, expiredKey]);
        using var asRevoked = server.NewClient(revokedKey);
        using var asExpired = server.NewClient(expiredKey);
        (await asRevoked.PostJson("/drops", Samples.Drop(Samples.NewId("before")))).StatusCode.Should().Be(HttpStatusCode.Created);

        (await server.Keys.Revoke(revoked.Id)).Should().BeTrue();
        // A gateway trusts a key it verified for a few seconds (Gateway:Auth:CallerCache:Seconds, 5 by default).
        server.Clock.Set(server.Clock.GetUtcNow().AddSeconds(6));
        (await asRevoked.PostJson("/drops", Samples.Drop(Samples.NewId("after")))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var now = server.Clock.GetUtcNow();
        server.Clock.Set(DateTimeOffset.UtcNow.AddDays(2));
        try
        {
            (await asExpired.PostJson("/drops", Samples.Drop(Samples.NewId("late")))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        finally
        {
            server.Clock.Set(now);
        }
    }

    [Fact]
    public async Task an_analyst_reads_streams_but_changes_nothing()
    {
        using var analyst = server.NewClient(await server.NewKey(AccessRole.Analyst, "analyst"));
        var id = Samples.NewId("ana");
        (await server.Http.PostJson("/drops", Samples.Drop(id))).EnsureSuccessStatusCode();

        (await analyst.GetAsync($"/drops/{id}/events")).StatusCode.Should().Be(HttpStatusCode.OK);
        var open = await analyst.PostAsync($"/drops/{id}/open", null);
        open.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await open.Problem()).GetProperty("type").GetString().Should().Be("/problems/forbidden");
        (await analyst.PostJson("/drops", Samples.Drop(Samples.NewId("ana2")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await server.Anonymous.GetStringAsync($"/drops/{id}")).Should().Contain("\"status\":\"draft\"");
    }
}
