using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Auth;

/// <summary>
/// Walks every operation in the OpenAPI document with every kind of caller and checks the answer
/// against the role table of issue #16. A route missing from the table fails the test, so every new
/// endpoint has to be placed in it.
/// </summary>
[Collection(SharedGateway.Name)]
public class RoleTableTests(GatewayServer server)
{
    private const string Anonymous = "anonymous", Operator = "operator", Analyst = "analyst", CreatorOwn = "creator (own drop)", CreatorOther = "creator (other's drop)";
    private static readonly string[] Everyone = [Anonymous, Operator, Analyst, CreatorOwn, CreatorOther];

    /// <summary>Only the venue node itself, by its key's signature (VenueNodeTests covers the node's side): every caller here is refused.</summary>
    private static readonly string[] NodeOnly = [];

    /// <summary>Who gets past authorization on each operation; everyone else gets 401 (anonymous) or 403.</summary>
    private static readonly Dictionary<string, string[]> Table = new()
    {
        ["POST /drops"] = [Operator, CreatorOwn],
        ["GET /drops/{id}"] = Everyone,
        ["POST /drops/{id}/open"] = [Operator, CreatorOwn],
        ["POST /drops/{id}/pause"] = [Operator, CreatorOwn],
        ["POST /drops/{id}/close"] = [Operator, CreatorOwn],
        ["PUT /drops/{id}/contingency"] = [Operator, CreatorOwn],
        ["GET /drops/{id}/contingency"] = Everyone,
        ["POST /drops/{id}/contingency/activate"] = [Operator],
        ["POST /drops/{id}/contingency/deactivate"] = [Operator],
        ["POST /nodes/{id}/contingency"] = NodeOnly,
        ["POST /drops/{id}/claims"] = Everyone,
        ["GET /drops/{id}/claims/{claimId}"] = Everyone,
        ["GET /drops/{id}/events"] = [Operator, Analyst, CreatorOwn],
        ["GET /drops/{id}/throttles"] = [Operator, Analyst, CreatorOwn],
        ["POST /drops/{id}/challenges"] = Everyone,
        ["POST /drops/{id}/signed-claims"] = Everyone,
        ["POST /drops/{id}/custodial-claims"] = Everyone,
        ["POST /drops/{id}/claims/{claimId}/confirm"] = Everyone,
        ["POST /drops/{id}/claims/{claimId}/code"] = Everyone,
        ["POST /drops/{id}/claims/{claimId}/handoff"] = Everyone,
        ["GET /drops/{id}/claims/{claimId}/custody"] = Everyone,
        ["POST /drops/{id}/claims/{claimId}/escrow/end"] = [Operator],
        ["GET /drops/{id}/claims/{claimId}/receipt"] = Everyone,
        ["GET /drops/{id}/signer"] = Everyone,
        ["GET /drops/{id}/live"] = Everyone,
        ["GET /drops/{id}/live.html"] = Everyone,
        ["POST /receipts/verify"] = Everyone,
        ["GET /drops/{id}/settlement"] = Everyone,
        ["POST /drops/{id}/settlement/retry"] = [Operator],
        ["GET /drops/{id}/claims/{claimId}/onchain"] = Everyone,
        ["GET /tokens/{contract}/{tokenId}"] = Everyone,
        ["GET /events"] = [Operator, Analyst],
        ["GET /feeds"] = [Operator],
        ["GET /feeds/{name}"] = [Operator],
        ["GET /drops/{id}/timeline"] = [Operator, Analyst, CreatorOwn],
        ["GET /creators/leaderboard"] = [Operator, Analyst],
        ["GET /drops/{id}/fulfilment/funnel"] = [Operator, Analyst, CreatorOwn],
        ["GET /nodes/{id}/stats"] = [Operator, Analyst],
        ["GET /venues/{venue}/stats"] = [Operator, Analyst],
        ["GET /projections"] = [Operator, Analyst],
        ["POST /projections/{name}/rebuild"] = [Operator],
        ["GET /metrics"] = Everyone,
        ["GET /auth/nonce"] = Everyone,
        ["POST /auth/siwe"] = Everyone,
        ["POST /auth/creator-tokens/revocations"] = [Operator],
        ["POST /auth/token-signing-key/rotate"] = [Operator],
        ["GET /operator/api-keys"] = [Operator],
        ["POST /operator/api-keys"] = [Operator],
        ["POST /operator/api-keys/{id}/revoke"] = [Operator],
        ["GET /health/live"] = Everyone,
        ["GET /health/ready"] = Everyone,
        ["POST /nodes"] = [Operator],
        ["GET /nodes/{id}"] = [Operator, Analyst],
        ["POST /nodes/{id}/heartbeats"] = NodeOnly,
        ["POST /nodes/{id}/keys/rotate"] = NodeOnly,
        ["POST /nodes/{id}/keys/revoke"] = [Operator],
        ["POST /nodes/{id}/quotas"] = [Operator],
        ["POST /nodes/{id}/quotas/return"] = NodeOnly,
        ["GET /venues/{venue}/nodes"] = [Operator, Analyst],
        ["GET /nodes/{id}/manifests"] = NodeOnly,
        ["POST /nodes/{id}/preflight"] = NodeOnly,
        ["GET /revocations"] = Everyone,
        ["POST /nodes/{id}/vouchers"] = NodeOnly,
        ["GET /nodes/{id}/vouchers/report"] = [Operator, Analyst],
        ["GET /nodes/{id}/vouchers/{voucherId}"] = [Operator, Analyst],
        ["GET /nodes/{id}/compensations"] = [Operator],
        ["GET /drops/{id}/vouchers/report"] = [Operator, Analyst, CreatorOwn],
        ["GET /vouchers/{id}/qr"] = Everyone,
        ["POST /skus"] = [Operator],
        ["GET /skus/{sku}"] = [Operator],
        ["POST /skus/{sku}/receipts"] = [Operator],
        ["POST /skus/{sku}/adjustments"] = [Operator],
        ["POST /skus/{sku}/reservations"] = [Operator],
        ["POST /skus/{sku}/reservations/{reservationId}/release"] = [Operator],
        ["PUT /drops/{id}/merch"] = [Operator],
        ["GET /drops/{id}/merch"] = [Operator, Analyst, CreatorOwn],
        ["POST /drops/{id}/merch/retry"] = [Operator],
        ["GET /shortcodes/{code}"] = [Operator],
        ["GET /fulfilment/dead-letters"] = [Operator],
        ["GET /orders/{id}/{token}"] = Everyone,
        ["POST /orders/{id}/{token}/details"] = Everyone,
        ["POST /orders/{id}/{token}/contact"] = Everyone,
        ["POST /orders/{id}/{token}/returns"] = Everyone,
        ["POST /orders/{id}/{token}/retry"] = [Operator],
        ["POST /fulfilment/callbacks"] = Everyone,
        ["GET /operator/cluster"] = [Operator],
        ["GET /operator/drops/{id}/location"] = [Operator],
    };

    // Slow: every operation of the document with five callers, about 10 s; the fast subset keeps the sign-in and key refusals.
    [Trait(Category.Name, Category.Slow)]
    [Fact]
    public async Task every_operation_in_the_openapi_document_admits_exactly_the_roles_of_the_table()
    {
        var owner = new CreatorWallet(server);
        var other = new CreatorWallet(server);
        var callers = new Dictionary<string, HttpClient>
        {
            [Anonymous] = server.Anonymous,
            [Operator] = server.Http,
            [Analyst] = server.NewClient(await server.NewKey(AccessRole.Analyst, "role walk")),
            [CreatorOwn] = server.NewClient(await owner.SignIn()),
            [CreatorOther] = server.NewClient(await other.SignIn()),
        };
        var doc = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Method: op.Name.ToUpperInvariant(), Path: path.Name, Operation: op.Value)))
            .ToList();

        operations.Select(o => $"{o.Method} {o.Path}").Should().BeEquivalentTo(Table.Keys, "every operation is in the role table and vice versa");

        var mismatches = new List<string>();
        foreach (var (method, path, operation) in operations)
        {
            var allowed = Table[$"{method} {path}"];
            var isPublic = allowed.Contains(Anonymous);
            operation.GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()).Should()
                .Contain(isPublic ? ["public"] : allowed.Length == 0 ? ["node"] : allowed.Contains(Analyst) ? ["operator", "analyst"] : ["operator"], $"{method} {path} documents its roles");
            (operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0).Should().Be(!isPublic, $"{method} {path} documents its security");

            foreach (var (who, client) in callers)
            {
                var drop = await DropOwnedBy(owner.Address);
                using var request = await Request(method, path, drop, owner, who);
                // Headers only: a live stream (text/event-stream) never ends on its own.
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var status = (int)response.StatusCode;
                var expected = allowed.Contains(who) ? "allowed" : who == Anonymous ? "401" : "403";
                var actual = status is 401 or 403 ? status.ToString() : "allowed";
                if (actual != expected) mismatches.Add($"{who} {method} {path}: expected {expected}, got {status} {await response.Content.ReadAsStringAsync()}");
                if (status is 401 or 403)
                {
                    response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
                    (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString()
                        .Should().Be(status == 401 ? "/problems/unauthorized" : "/problems/forbidden");
                }
            }
        }
        mismatches.Should().BeEmpty();
    }

    [Fact]
    public async Task the_document_declares_both_security_schemes_and_the_docs_are_public()
    {
        var doc = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        schemes.GetProperty("apiKey").GetProperty("name").GetString().Should().Be("X-Api-Key");
        (await server.Anonymous.GetAsync("/scalar")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_frameworks_own_answers_stay_404_405_and_415_for_anonymous_callers()
    {
        var drop = await DropOwnedBy(Samples.Creator);
        var wrongType = await server.Anonymous.PostAsync($"/drops/{drop}/claims", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));

        wrongType.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, "a public route stays public when the body is wrong");
        (await server.Anonymous.DeleteAsync($"/drops/{drop}/claims")).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await server.Anonymous.GetAsync("/no/such/route")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_public_summary_has_counts_and_no_claimers()
    {
        var drop = await DropOwnedBy(Samples.Creator);
        await server.Http.PostAsync($"/drops/{drop}/open", null);
        await server.Anonymous.PostJson($"/drops/{drop}/claims", new { claimId = "c1", wallet = Samples.Wallet(1) });

        var summary = await server.Anonymous.GetStringAsync($"/drops/{drop}");

        summary.Should().Contain("\"minted\":1").And.NotContain(Samples.Wallet(1)[2..], "wallets of claimers are not public");
        (await server.Anonymous.GetAsync($"/drops/{drop}/events")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<string> DropOwnedBy(string creator)
    {
        var id = Samples.NewId("roles");
        var manifest = Samples.Drop(id, supply: 50) with { Creator = creator };
        (await server.Http.PostJson("/drops", manifest)).EnsureSuccessStatusCode();
        (await server.Http.PostJson($"/drops/{id}/claims", new { claimId = "existing", wallet = Samples.Wallet(99) })).Should().NotBeNull();
        return id;
    }

    private static async Task<HttpRequestMessage> Request(string method, string path, string drop, CreatorWallet owner, string who)
    {
        var url = path.Replace("{id}", drop).Replace("{claimId}", "existing").Replace("{venue}", "some-venue").Replace("{voucherId}", "v1");
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        object? body = (method, path) switch
        {
            ("POST", "/drops") => Samples.Drop(Samples.NewId("made"), supply: 5) with { Creator = owner.Address },
            ("POST", "/drops/{id}/claims") => new { claimId = Guid.NewGuid().ToString("N"), wallet = Samples.Wallet(Random.Shared.Next(1, 1_000_000)) },
            ("POST", "/auth/siwe") => await SignedMessage(owner),
            _ => null,
        };
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: GatewayServer.Json);
        return request;
    }

    private static async Task<object> SignedMessage(CreatorWallet wallet)
    {
        var message = wallet.Message(await wallet.Nonce());
        return new { message, signature = wallet.Sign(message) };
    }
}
