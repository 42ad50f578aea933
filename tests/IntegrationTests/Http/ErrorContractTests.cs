using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>
/// Every error is application/problem+json whatever the client asked for, including the ones the web server
/// writes itself before the app runs (bad request line, NUL bytes, limits).
/// </summary>
[Collection(SharedGateway.Name)]
public class ErrorContractTests(GatewayServer server)
{
    public static TheoryData<string, string, string, bool, int, string> AcceptCases => new()
    {
        // accept, method, path, with operator key, status, problem type
        { "text/event-stream", "GET", "/drops/nosuch/live", false, 404, "drop-not-found" },
        { "application/x-ndjson", "GET", "/events", false, 401, "unauthorized" },
        { "text/html", "GET", "/drops/nosuch", false, 404, "drop-not-found" },
        { "text/html", "GET", "/drops/nosuch/claims/x", false, 404, "drop-not-found" },
        { "image/png", "POST", "/drops/nosuch/open", true, 404, "drop-not-found" },
        { "text/plain", "GET", "/no/such/route", false, 404, "not-found" },
        { "text/html", "DELETE", "/drops", true, 405, "method-not-allowed" },
        { "text/html", "GET", "/drops/Bad%20Id/events?limit=abc", true, 400, "validation-failed" },
    };

    [Theory]
    [MemberData(nameof(AcceptCases))]
    public async Task an_error_is_problem_json_whatever_the_accept_header(string accept, string method, string path, bool withKey, int status, string type)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd(accept);
        if (withKey) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.OperatorKey);
        var before = server.Logs.Lines.Count;

        var response = await server.Anonymous.SendAsync(request);

        ((int)response.StatusCode).Should().Be(status);
        var problem = await response.Problem();
        problem.GetProperty("type").GetString().Should().Be($"/problems/{type}");
        problem.GetProperty("status").GetInt32().Should().Be(status);
        server.Logs.Lines.Skip(before).Where(l => l.Contains("   at ")).Should().BeEmpty("a 4xx is the client's mistake, not a stack trace in the log");
    }

    [Fact]
    public async Task a_request_line_over_8_KiB_is_a_414_problem()
    {
        var answer = await RawHttp.Send(server.BaseAddress, $"GET /drops/{new string('a', 9000)} HTTP/1.1\r\nHost: x\r\n\r\n");

        answer.Status.Should().Be(414);
        answer.ContentType.Should().StartWith("application/problem+json");
        answer.Problem.GetProperty("type").GetString().Should().Be("/problems/uri-too-long");
    }

    [Fact]
    public async Task a_request_line_far_over_the_limit_is_still_a_414_problem()
    {
        var answer = await RawHttp.Send(server.BaseAddress, $"GET /drops/{new string('a', 100_000)} HTTP/1.1\r\nHost: x\r\n\r\n");

        answer.Status.Should().Be(414);
        answer.Problem.GetProperty("type").GetString().Should().Be("/problems/uri-too-long");
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(200_000)]
    public async Task headers_over_the_limit_are_a_431_problem(int size)
    {
        var answer = await RawHttp.Send(server.BaseAddress, $"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: {new string('b', size)}\r\n\r\n");

        answer.Status.Should().Be(431);
        answer.ContentType.Should().StartWith("application/problem+json");
        answer.Problem.GetProperty("type").GetString().Should().Be("/problems/headers-too-large");
    }

    [Theory]
    [InlineData("X-Request-Id")]
    [InlineData("Idempotency-Key")]
    public async Task a_nul_byte_in_a_header_is_a_validation_failure_naming_the_header(string header)
    {
        var body = """{"wallet":"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}"""u8.ToArray();
        var answer = await RawHttp.Send(server.BaseAddress,
            $"POST /drops/nosuch/claims HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n{header}: a\0b\r\n\r\n", body);

        answer.Status.Should().Be(400);
        answer.ContentType.Should().StartWith("application/problem+json");
        answer.Problem.GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        answer.Problem.GetProperty("errors").TryGetProperty(header, out _).Should().BeTrue(answer.Body);
    }

    [Fact]
    public async Task a_nul_byte_in_a_header_is_named_after_the_connection_carried_more_than_the_kept_input()
    {
        // 100 requests of ~1 KiB each on one connection before the bad one: the bytes kept to name the header wrapped around.
        var padding = new string('p', 1000);
        var head = new StringBuilder();
        for (var i = 0; i < 100; i++) head.Append($"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Padding: {padding}{i}\r\n\r\n");
        head.Append("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\0b\r\n\r\n");

        var answers = await RawHttp.SendAll(server.BaseAddress, head.ToString());

        answers.Should().HaveCount(101);
        answers.Take(100).Should().OnlyContain(a => a.Status == 200);
        var last = answers[^1];
        last.Status.Should().Be(400);
        last.Problem.GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        last.Problem.GetProperty("errors").TryGetProperty("X-Request-Id", out _).Should().BeTrue(last.Body);
    }

    [Theory]
    [InlineData("GET /drops/a%00b HTTP/1.1")]
    [InlineData("GET /drops/a\0b HTTP/1.1")]
    [InlineData("GARBAGE")]
    [InlineData("GET /drops HTTP/9.9")]
    public async Task a_bad_request_line_is_a_400_problem(string requestLine)
    {
        var answer = await RawHttp.Send(server.BaseAddress, $"{requestLine}\r\nHost: x\r\n\r\n");

        answer.Status.Should().BeOneOf(400, 404, 505);
        answer.ContentType.Should().StartWith("application/problem+json");
        answer.Problem.GetProperty("status").GetInt32().Should().Be(answer.Status);
    }

    [Fact]
    public async Task a_header_line_without_a_colon_is_a_400_problem()
    {
        var answer = await RawHttp.Send(server.BaseAddress, "GET /health/live HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");

        answer.Status.Should().Be(400);
        answer.Problem.GetProperty("type").GetString().Should().Be("/problems/malformed-request");
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 3)]
    [InlineData(false, 64)]
    [InlineData(true, 64)]
    [InlineData(false, 1000)]
    public async Task a_body_over_the_limit_sent_without_waiting_is_a_readable_413_problem(bool chunked, int timesTheLimit)
    {
        var body = Encoding.ASCII.GetBytes("{\"id\":\"" + new string('x', GatewayServer.MaxRequestBodyBytes * timesTheLimit) + "\"}");
        var framing = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {body.Length}";
        var sent = chunked ? [.. Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), .. body, .. "\r\n0\r\n\r\n"u8.ToArray()] : body;

        var answer = await RawHttp.Send(server.BaseAddress,
            $"POST /drops HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {server.OperatorKey}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n", sent);

        answer.Status.Should().Be(413, answer.Body);
        answer.Problem.GetProperty("type").GetString().Should().Be("/problems/payload-too-large");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(64)]
    [InlineData(1000)]
    public async Task an_http_client_sending_a_body_over_the_limit_reads_a_413_problem(int timesTheLimit)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var body = new StringContent("{\"id\":\"" + new string('x', GatewayServer.MaxRequestBodyBytes * timesTheLimit) + "\"}", Encoding.UTF8, "application/json");

            var response = await server.Http.PostAsync("/drops", body);

            ((int)response.StatusCode).Should().Be(413);
            (await response.Problem()).GetProperty("type").GetString().Should().Be("/problems/payload-too-large");
        }
    }

    [Fact]
    public async Task the_docs_page_loads_nothing_from_a_third_party_host()
    {
        var page = await server.Anonymous.GetStringAsync("/scalar/");

        page.Should().NotMatchRegex("(src|href)=\"https?://", "scripts and styles come from the gateway");
        page.Should().MatchRegex("\"withDefaultFonts\"\\s*:\\s*false", "Scalar's default web fonts come from its own CDN");
    }

    [Fact]
    public async Task unknown_routes_answer_problem_json_to_a_plain_client()
    {
        var response = await server.Anonymous.GetAsync("/definitely/not/here");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Problem()).GetProperty("type").GetString().Should().Be("/problems/not-found");
    }
}
