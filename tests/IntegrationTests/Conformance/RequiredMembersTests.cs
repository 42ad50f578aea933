using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Conformance;

/// <summary>
/// The document's <c>required</c> lists are what the server requires: for a request schema, every member the served
/// document lists as required is refused with 400 <c>validation-failed</c> naming it when left out, and every other
/// member may be left out with success. The members come from the document; the test only knows how to make one
/// complete, valid request of each operation (every member given), so a member added to a schema is tested at once.
/// </summary>
[Collection(SharedGateway.Name)]
public class RequiredMembersTests(GatewayServer server)
{
    private sealed record Request(string Path, JsonObject Body, Dictionary<string, string> Headers);

    [Theory]
    [InlineData("CreateDrop")]
    [InlineData("Claim")]
    public async Task each_required_member_is_refused_when_absent_and_each_optional_one_may_be_left_out(string operationId)
    {
        var doc = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var (method, schema) = RequestSchema(doc, operationId);
        var members = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToHashSet() : [];
        (await Make(operationId)).Body.Select(p => p.Key).Should().BeEquivalentTo(members, "the sample gives every member, so each is tested");

        var wrong = new List<string>();
        foreach (var member in members)
        {
            var request = await Make(operationId);
            request.Body.Remove(member);
            var (status, body) = await Send(method, request);
            if (required.Contains(member))
            {
                var named = status == 400 && JsonNode.Parse(body) is { } problem
                    && problem["type"]?.GetValue<string>() == "/problems/validation-failed" && problem["errors"]?[member] is not null;
                if (!named) wrong.Add($"required {member} left out: {status} {body}, expected 400 validation-failed naming {member}");
            }
            else if (status is < 200 or >= 300) wrong.Add($"optional {member} left out: {status} {body}, expected success");
        }
        wrong.Should().BeEmpty($"{operationId}'s required list is [{string.Join(", ", required)}]");
    }

    /// <summary>A complete, valid request: every member of the schema given, fresh ids, so each send can succeed.</summary>
    private async Task<Request> Make(string operationId)
    {
        var now = server.Clock.GetUtcNow();
        switch (operationId)
        {
            case "CreateDrop":
                return new("/drops", new JsonObject
                {
                    ["id"] = Samples.NewId("required"),
                    ["title"] = "Required members",
                    ["creator"] = Samples.Creator,
                    ["supply"] = 10,
                    ["perWalletLimit"] = 2,
                    ["startsAt"] = now.AddHours(-1).ToString("O"),
                    ["endsAt"] = now.AddDays(1).ToString("O"),
                    ["tiers"] = new JsonArray(new JsonObject { ["name"] = "vip", ["allocation"] = 2 }),
                    ["assets"] = new JsonArray(new JsonObject
                    {
                        ["uri"] = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/poster.png",
                        ["sha256"] = new string('a', 64),
                        ["mediaType"] = "image/png",
                    }),
                    ["limits"] = new JsonObject { ["claimsPerIpPerMinute"] = 100, ["claimsPerWalletPerMinute"] = 100, ["walletsPerIpPerWindow"] = 100 },
                    ["custody"] = new JsonObject { ["escrowHours"] = 24, ["unconfirmedPolicy"] = MicroEvents.Drops.CustodyRules.Keep },
                    ["contingency"] = new JsonObject
                    {
                        ["assets"] = new JsonArray(new JsonObject
                        {
                            ["uri"] = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/fallback.png",
                            ["sha256"] = new string('b', 64),
                            ["mediaType"] = "image/png",
                        }),
                    },
                }, []);
            case "Claim":
                var drop = Samples.NewId("required");
                (await server.Http.PostJson("/drops", Samples.Drop(drop, supply: 10, tiers: new MicroEvents.Drops.TierAllocation("vip", 2)))).EnsureSuccessStatusCode();
                (await server.Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
                // The claim id may come from the body or the Idempotency-Key header: the header is sent, so the body's is optional.
                return new($"/drops/{drop}/claims", new JsonObject { ["claimId"] = "phone-1", ["wallet"] = Samples.Wallet(1), ["tier"] = "vip" },
                    new() { ["Idempotency-Key"] = "phone-1" });
            default:
                throw new ArgumentOutOfRangeException(nameof(operationId), operationId, "no sample request for this operation");
        }
    }

    private async Task<(int Status, string Body)> Send(string method, Request request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), request.Path)
        {
            Content = new StringContent(request.Body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in request.Headers) message.Headers.Add(name, value);
        using var response = await server.Http.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The operation's method and its JSON request schema, resolved through <c>$ref</c> (and a nullable <c>oneOf</c>).</summary>
    private static (string Method, JsonElement Schema) RequestSchema(JsonElement doc, string operationId)
    {
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        foreach (var op in path.Value.EnumerateObject())
        {
            if (op.Value.ValueKind != JsonValueKind.Object || !op.Value.TryGetProperty("operationId", out var id) || id.GetString() != operationId) continue;
            var schema = op.Value.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            if (schema.TryGetProperty("oneOf", out var oneOf)) schema = oneOf.EnumerateArray().First(s => s.TryGetProperty("$ref", out _));
            var name = schema.GetProperty("$ref").GetString()!.Split('/')[^1];
            return (op.Name.ToUpperInvariant(), doc.GetProperty("components").GetProperty("schemas").GetProperty(name));
        }
        throw new InvalidOperationException($"The document has no operation {operationId}.");
    }
}
