using System.Net;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>Creates and opens drops like a well-behaved client: a 503 is retried (both commands are idempotent).</summary>
public static class DropSetup
{
    public static async Task CreateOpen(this HttpClient http, IEnumerable<string> drops, long supply)
    {
        foreach (var drop in drops)
        {
            (await Answered(() => http.PostJson("/drops", Samples.Drop(drop, supply: supply)))).StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
            (await Answered(() => http.PostAsync($"/drops/{drop}/open", null))).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    private static async Task<HttpResponseMessage> Answered(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5) return response;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
