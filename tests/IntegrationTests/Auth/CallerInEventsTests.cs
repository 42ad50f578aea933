using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.IntegrationTests.Infrastructure;
using Npgsql;

namespace MicroEvents.IntegrationTests.Auth;

/// <summary>Every lifecycle command and key operation names who did it, in the event analysts read.</summary>
[Collection(SharedGateway.Name)]
public class CallerInEventsTests(GatewayServer server)
{
    [Fact]
    public async Task a_creator_running_their_drop_is_named_by_wallet_on_every_lifecycle_event()
    {
        var creator = new CreatorWallet(server);
        using var asCreator = server.NewClient(await creator.SignIn());
        var id = Samples.NewId("by");

        (await asCreator.PostJson("/drops", Samples.Drop(id) with { Creator = creator.Address })).StatusCode.Should().Be(HttpStatusCode.Created);
        foreach (var step in new[] { "open", "pause", "open", "close" })
            (await asCreator.PostAsync($"/drops/{id}/{step}", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var events = (await asCreator.GetFromJsonAsync<JsonElement[]>($"/drops/{id}/events"))!;
        events.Select(e => e.GetProperty("type").GetString()).Should().Equal(
            "drop.created.v1", "drop.opened.v1", "drop.paused.v1", "drop.resumed.v1", "drop.closed.v1");
        events.Select(e => e.GetProperty("data").GetProperty("by").GetString()).Should().OnlyContain(by => by == creator.Address,
            "the stored events name the creator's checksummed wallet");
    }

    [Fact]
    public async Task an_operator_key_is_named_by_its_id_when_it_opens_a_drop_and_revokes_a_creators_tokens()
    {
        var (record, key) = await server.Keys.Create(AccessRole.Operator, "night shift", null, by: "cli");
        server.Secrets.Add(key);
        using var asOperator = server.NewClient(key);
        var id = Samples.NewId("byop");
        (await asOperator.PostJson("/drops", Samples.Drop(id))).EnsureSuccessStatusCode();
        (await asOperator.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();

        var events = await asOperator.GetFromJsonAsync<JsonElement[]>($"/drops/{id}/events");
        events!.Select(e => e.GetProperty("data").GetProperty("by").GetString()).Should().OnlyContain(by => by == $"key:{record.Id}");

        var revoked = await asOperator.PostJson("/auth/creator-tokens/revocations", new { wallet = Samples.Creator, reason = "lost phone" });
        revoked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await revoked.Read<JsonElement>()).GetProperty("by").GetString().Should().Be($"key:{record.Id}");
        (await RevokedBy(CreatorTokenStore.WalletSubject(Samples.Creator))).Should().Be($"key:{record.Id}", "the stored revocation names the key");

        (await server.Keys.List()).Single(k => k.Id == record.Id).CreatedBy.Should().Be("cli");
        (await server.Keys.Revoke(record.Id, by: "cli")).Should().BeTrue();
        (await server.Keys.List()).Single(k => k.Id == record.Id).RevokedBy.Should().Be("cli");
    }

    [Fact]
    public async Task lifecycle_events_stored_before_callers_were_recorded_still_load()
    {
        var id = Samples.NewId("old");
        (await server.Http.PostJson("/drops", Samples.Drop(id))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/pause", null)).EnsureSuccessStatusCode();
        // Make the stored events what an older version wrote: no "by" at all.
        await Sql($"update {server.Schema}.mt_events set data = data - 'by' where stream_id = @stream", ("stream", $"drop/{id}"));
        (await Scalar($"select count(*) from {server.Schema}.mt_events where stream_id = @stream and data ? 'by'", ("stream", $"drop/{id}"))).Should().Be(0L);

        var events = (await server.Http.GetFromJsonAsync<JsonElement[]>($"/drops/{id}/events"))!;
        events.Should().HaveCount(3);
        foreach (var e in events)
            (e.GetProperty("data").TryGetProperty("by", out var by) ? by.ValueKind : JsonValueKind.Null).Should().Be(JsonValueKind.Null, "nobody was recorded");
        var asOf = await server.Anonymous.GetFromJsonAsync<JsonElement>($"/drops/{id}?asOf=3");
        asOf.GetProperty("status").GetString().Should().Be("paused", "the old events fold as before");
        (await server.Http.PostAsync($"/drops/{id}/open", null)).StatusCode.Should().Be(HttpStatusCode.OK, "the drop still takes commands");
    }

    private async Task<string?> RevokedBy(string subject)
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand($"select revoked_by from {server.Schema}.access_creator_revocations where subject = @subject", connection);
        select.Parameters.AddWithValue("subject", subject);
        return (string?)await select.ExecuteScalarAsync();
    }

    private static async Task<object?> Scalar(string sql, (string Name, object Value) parameter)
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        return await command.ExecuteScalarAsync();
    }

    private static async Task Sql(string sql, (string Name, object Value) parameter)
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        (await command.ExecuteNonQueryAsync()).Should().BePositive();
    }
}
