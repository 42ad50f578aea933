using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.GeneratedClient;

/// <summary>
/// The committed client is what NSwag makes of the served document today: a changed endpoint fails here until
/// the client is regenerated, so the walk-through below always runs through the document as it is.
/// </summary>
[Collection(SharedGateway.Name)]
public class GeneratedClientTests(GatewayServer server)
{
    [Fact]
    public async Task the_committed_client_is_what_nswag_makes_of_the_served_document()
    {
        var json = await server.Anonymous.GetStringAsync("/openapi/v1.json");
        var generated = await ClientGeneration.Generate(json);
        var path = Path.Combine([Repository.Root(), .. ClientGeneration.RelativePath]);
        if (Environment.GetEnvironmentVariable("UPDATE_CLIENT") == "1")
        {
            File.WriteAllText(path, generated);
            return;
        }
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        committed.Should().Be(generated, $"the generated client is stale: regenerate it with `{ClientGeneration.Command}`");
    }
}
