using System.Collections.Concurrent;
using System.Diagnostics;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>One request is one trace: the gateway's HTTP span, the grain call it makes and the PostgreSQL commands behind it.</summary>
[Collection(ProjectionCollection.Name)]
public class TraceTests(ProjectionServer server)
{
    [Fact]
    public async Task a_request_the_grain_call_it_makes_and_its_postgresql_commands_share_one_trace()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "Npgsql" || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var id = Samples.NewId("trace");
        await server.Client.OpenDrop(Samples.Drop(id, supply: 5));

        // The caller's own trace (W3C traceparent), as a client app or a load balancer would send it.
        var traceId = ActivityTraceId.CreateRandom();
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/drops/{id}/timeline");
        get.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await server.Http.SendAsync(get)).EnsureSuccessStatusCode();
        // The gateway's span stops after its response is written, so it can end after the client has the answer.
        await Eventually.True(() => Task.FromResult(activities.Any(a => a.TraceId == traceId && a.Source.Name == "Microsoft.AspNetCore")),
            TimeSpan.FromSeconds(5), "the gateway's request span ends");

        var trace = activities.Where(a => a.TraceId == traceId).ToList();
        trace.Should().Contain(a => a.Source.Name == "Microsoft.AspNetCore", "the gateway continues the caller's trace");
        trace.Should().Contain(a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && a.DisplayName.Contains("DropStats"),
            "the grain call carries the request's trace context to the silo");
        trace.Should().Contain(a => a.Source.Name == "Npgsql", "the silo's PostgreSQL commands join the same trace");
    }
}
