using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MicroEvents.IntegrationTests.Fuzz;

/// <summary>
/// Requests generated from the OpenAPI document: shapes that follow each operation's schema, then
/// broken on purpose (wrong types, missing and unknown members, huge numbers, odd Unicode, deep nesting,
/// wrong content types, bad or missing credentials, oversized headers). Seeded, so a failure replays.
/// </summary>
public sealed class RequestGenerator(JsonElement document, Random random, FuzzTargets targets)
{
    public sealed record Operation(string Method, string Path, JsonElement Definition);

    public IReadOnlyList<Operation> Operations { get; } = document.GetProperty("paths").EnumerateObject()
        .SelectMany(p => p.Value.EnumerateObject().Select(o => new Operation(o.Name.ToUpperInvariant(), p.Name, o.Value)))
        .ToList();

    private static readonly string[] OddStrings =
    [
        "", " ", "a", "\u0000", "a\u0000b", "\u202Eevil", "\u200F\u200E", "\uD800", "x\uDC00y", "😀", "\uFEFF", "\t\r\n",
        "null", "true", "0", "-1", "../../etc/passwd", "%00", "<script>", "' or 1=1 --", "Ω≈ç√∫", new string('a', 300),
        new string('界', 5000), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
        "0xZZ", "ipfs://bafy/x.png", "2026-06-01T12:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "VIP",
    ];

    private static readonly string[] OddNumbers =
    [
        "0", "1", "-1", "2", "100", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "1e400", "-1e400", "1.5", "1e2", "0.0000001", "99999999999999999999999999999999", "-0",
    ];

    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "application/x-www-form-urlencoded",
         "multipart/form-data; boundary=x", "application/json; charset=utf-16", "*/*", "application/problem+json"];

    public HttpRequestMessage Next(Operation operation)
    {
        // Now and then a well-formed claim on the open drop, so accepted writes interleave with the junk.
        if (operation is { Method: "POST", Path: "/drops/{id}/claims" } && random.Next(6) == 0)
            return new HttpRequestMessage(HttpMethod.Post, $"/drops/{targets.OpenDropId}/claims")
            {
                Content = new StringContent($$"""{"claimId":"ok-{{random.Next()}}","wallet":"{{Likely("wallet")}}"}""", Encoding.UTF8, "application/json"),
            };

        var method = random.Next(20) == 0 ? Pick(["PUT", "DELETE", "PATCH", "GET", "POST", "HEAD"]) : operation.Method;
        var request = new HttpRequestMessage(new HttpMethod(method), Url(operation));
        Credentials(request);
        if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", AsciiOdd());
        if (random.Next(6) == 0) request.Headers.TryAddWithoutValidation("X-Request-Id", AsciiOdd());
        if (random.Next(6) == 0) request.Headers.TryAddWithoutValidation("X-Forwarded-For", Pick(["1.2.3.4", "::1", "garbage", "1.1.1.1, 2.2.2.2"]));
        if (random.Next(50) == 0) request.Headers.TryAddWithoutValidation("X-Padding", new string('p', random.Next(10_000, 40_000)));

        var schema = operation.Definition.TryGetProperty("requestBody", out var body)
            ? body.GetProperty("content").EnumerateObject().First().Value.GetProperty("schema")
            : (JsonElement?)null;
        if (schema is not null || random.Next(10) == 0) request.Content = Body(schema);
        return request;
    }

    private string Url(Operation operation)
    {
        var path = operation.Path;
        foreach (var name in new[] { "id", "claimId" })
            path = path.Replace($"{{{name}}}", Uri.EscapeDataString(random.Next(3) > 0 ? Pick(name == "id" ? targets.DropIds : targets.ClaimIds) : Odd()));

        var query = new List<string>();
        if (operation.Definition.TryGetProperty("parameters", out var parameters))
            foreach (var p in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                if (random.Next(3) > 0)
                    query.Add($"{p.GetProperty("name").GetString()}={Uri.EscapeDataString(random.Next(2) == 0 ? Pick(OddNumbers) : Odd())}");
        if (random.Next(10) == 0) query.Add($"{Uri.EscapeDataString(Odd())}={Uri.EscapeDataString(Odd())}");
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private void Credentials(HttpRequestMessage request)
    {
        switch (random.Next(10))
        {
            case 0: case 1: break;
            case 2: request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {targets.OperatorKey}"); break;
            case 3: request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {targets.CreatorToken}"); break;
            case 4: request.Headers.TryAddWithoutValidation("X-Api-Key", targets.AnalystKey); break;
            case 5: request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {targets.OperatorKey[..^3]}xyz"); break;
            case 6: request.Headers.TryAddWithoutValidation("Authorization", Pick(["Bearer", "Basic dXNlcjpwYXNz", "Bearer a.b.c", "bearer  ", "Bearer mev_"])); break;
            case 7: request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('x', random.Next(100, 6000))); break;
            case 8: request.Headers.TryAddWithoutValidation("X-Api-Key", AsciiOdd()); break;
            default: request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {targets.CreatorToken[..^4]}AAAA"); break;
        }
    }

    private HttpContent Body(JsonElement? schema)
    {
        string text = random.Next(12) switch
        {
            0 => Deep(random.Next(10, 5000)),
            1 => Pick(["", "{", "{\"a\":", "[1,2", "nul", "{}", "[]", "\"str\"", "42", "{\"claimId\":\"a\" \"wallet\":1}"]),
            2 => new string('[', random.Next(1, 100)) + new string(']', random.Next(1, 100)),
            _ => Value(schema ?? default, depth: 0)?.ToJsonString() ?? "null",
        };
        var bytes = random.Next(25) == 0 ? [0xff, 0xfe, 0x00, 0xc3, 0x28, .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);
        var content = new ByteArrayContent(bytes);
        if (random.Next(6) > 0) content.Headers.TryAddWithoutValidation("Content-Type", random.Next(3) > 0 ? "application/json" : Pick(ContentTypes));
        return content;
    }

    /// <summary>A JSON value for <paramref name="schema"/>, sometimes replaced by something of the wrong kind.</summary>
    private JsonNode? Value(JsonElement schema, int depth)
    {
        if (random.Next(12) == 0 || depth > 6) return Wrong();
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("oneOf", out var choices))
            schema = choices.EnumerateArray().LastOrDefault(c => !(c.TryGetProperty("type", out var ct) && ct.ValueKind == JsonValueKind.String && ct.GetString() == "null"));
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        if (schema.ValueKind != JsonValueKind.Object) return Wrong();

        var type = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : t.GetString()
            : schema.TryGetProperty("properties", out _) ? "object" : "string";
        switch (type)
        {
            case "object":
                var obj = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                    foreach (var p in properties.EnumerateObject())
                        if (random.Next(8) > 0) obj[p.Name] = random.Next(3) > 0 && Likely(p.Name) is { } likely ? likely : Value(p.Value, depth + 1);
                if (random.Next(8) == 0) obj[Pick(["extra", "Claimid", "__proto__", "wallet ", Odd()])] = Wrong();
                return obj;
            case "array":
                var array = new JsonArray();
                var items = schema.TryGetProperty("items", out var i) ? i : default;
                for (var n = random.Next(0, random.Next(8) == 0 ? 200 : 4); n > 0; n--) array.Add(Value(items, depth + 1));
                return array;
            case "integer":
            case "number":
                return JsonNode.Parse(Pick(OddNumbers));
            case "boolean":
                return random.Next(2) == 0;
            default:
                return JsonValue.Create(random.Next(3) == 0 ? Pick(targets.Plausible) : Odd());
        }
    }

    /// <summary>A well-formed value for a member the API knows by name, so requests also get past validation.</summary>
    private JsonNode? Likely(string member) => member switch
    {
        "wallet" or "creator" => "0x" + Convert.ToHexStringLower(Enumerable.Range(0, 20).Select(_ => (byte)random.Next(256)).ToArray()),
        "claimId" or "id" => $"fz-{random.Next(1_000_000)}",
        "signature" => "0x" + Convert.ToHexStringLower(Enumerable.Range(0, 65).Select(_ => (byte)random.Next(256)).ToArray()),
        "tier" => random.Next(2) == 0 ? null : "VIP",
        "message" => $"{Pick([targets.Domain, "example.com"])} wants you to sign in with your Ethereum account:\n{targets.Plausible[0]}\n\n\nURI: http://x\nVersion: 1\nChain ID: 1\nNonce: {Odd()}\nIssued At: 2026-06-01T12:00:00Z",
        "supply" or "allocation" or "perWalletLimit" => random.Next(1, 1000),
        _ => null,
    };

    private JsonNode? Wrong() => random.Next(6) switch
    {
        0 => null,
        1 => JsonValue.Create(Odd()),
        2 => JsonNode.Parse(Pick(OddNumbers)),
        3 => new JsonArray(JsonValue.Create(Odd())),
        4 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = JsonValue.Create(Odd()) } },
        _ => JsonValue.Create(random.Next(2) == 0),
    };

    private static string Deep(int depth) => new StringBuilder().Insert(0, "{\"a\":", depth).Append('1').Append('}', depth).ToString();

    private string Odd() => random.Next(5) == 0
        ? new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0, 0x10000)).ToArray())
        : Pick(OddStrings);

    private string AsciiOdd() => Pick(["", "a", "x y", new string('k', 200), "ключ", "\t", "id;drop table", "😀", "%00", new string('z', 129)])
        is var s && s.All(c => c is >= ' ' and <= '~' or '\t') ? s : Uri.EscapeDataString(s);

    private string Pick(IReadOnlyList<string> options) => options[random.Next(options.Count)];
}

/// <summary>What generated requests aim at: real drops, claims and credentials, so they get past the first check.</summary>
public sealed record FuzzTargets(string OpenDropId, string[] DropIds, string[] ClaimIds, string OperatorKey, string AnalystKey, string CreatorToken, string Domain, string[] Plausible);
