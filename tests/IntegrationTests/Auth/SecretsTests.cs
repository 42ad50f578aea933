using System.Net.Http.Json;
using MicroEvents.Access;
using MicroEvents.IntegrationTests.Infrastructure;
using Npgsql;

namespace MicroEvents.IntegrationTests.Auth;

/// <summary>Captures every log line, Trace included (Orleans traces each message it carries).</summary>
public sealed class TracedGatewayServer : GatewayServer
{
    protected override Microsoft.Extensions.Logging.LogLevel CapturedLogLevel => Microsoft.Extensions.Logging.LogLevel.Trace;
}

/// <summary>
/// No API key, creator token, signing key or database password in any log line (silo and gateway,
/// every level) or response of a run that makes, uses, misuses and revokes them.
/// </summary>
public class SecretsTests(TracedGatewayServer server) : IClassFixture<TracedGatewayServer>
{
    [Fact]
    public async Task keys_tokens_signing_key_and_password_never_reach_a_log_line_or_a_response()
    {
        var responses = new List<string>();
        async Task Send(HttpClient client, HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: GatewayServer.Json);
            using var response = await client.SendAsync(request);
            responses.Add($"{(int)response.StatusCode} {response.Headers} {await response.Content.ReadAsStringAsync()}");
        }

        var analystKey = await server.NewKey(AccessRole.Analyst, "secrets scan");
        var creator = new CreatorWallet(server);
        var token = await creator.SignIn();
        var drop = Samples.NewId("sec");
        await Send(server.Http, HttpMethod.Post, "/drops", Samples.Drop(drop) with { Creator = creator.Address });
        await Send(server.NewClient(token), HttpMethod.Post, $"/drops/{drop}/open");
        await Send(server.NewClient(analystKey), HttpMethod.Get, $"/drops/{drop}/events");
        await Send(server.NewClient(analystKey), HttpMethod.Post, $"/drops/{drop}/close");
        await Send(server.NewClient(token + "x"), HttpMethod.Post, $"/drops/{drop}/close");
        await Send(server.NewClient(analystKey[..^1]), HttpMethod.Get, $"/drops/{drop}/events");
        await Send(server.NewClient(token), HttpMethod.Get, "/health/ready");
        var revoked = (await server.Keys.List()).Single(k => k.Label == "secrets scan");
        await server.Keys.Revoke(revoked.Id);
        await Send(server.NewClient(analystKey), HttpMethod.Get, $"/drops/{drop}/events");
        responses.Should().Contain(r => r.StartsWith("401")).And.Contain(r => r.StartsWith("403"));

        var secrets = new List<string>(server.Secrets) { token + "x", analystKey[..^1] };
        secrets.AddRange(await SigningKeyForms());
        var password = new NpgsqlConnectionStringBuilder(await TestPostgres.ConnectionString).Password;
        if (!string.IsNullOrEmpty(password)) secrets.Add(password);

        server.Logs.Lines.Should().NotBeEmpty("the scan reads real logs");
        foreach (var secret in secrets)
        {
            server.Logs.Lines.Should().NotContain(l => l.Contains(secret), "a secret must never be logged");
            responses.Should().NotContain(r => r.Contains(secret), "a secret must never be sent back");
        }
    }

    private async Task<string[]> SigningKeyForms()
    {
        await using var db = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await db.OpenAsync();
        await using var select = new NpgsqlCommand($"select secret from {server.Schema}.access_signing_keys", db);
        var key = (byte[])(await select.ExecuteScalarAsync())!;
        return [Convert.ToBase64String(key), Convert.ToHexString(key), Convert.ToHexStringLower(key)];
    }
}
