using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Auth;

/// <summary>
/// docs/http-api.md's role tables are what the served OpenAPI document declares; a new or changed endpoint
/// makes this test fail until the page is regenerated (like docs/events.md and its catalogue test).
/// </summary>
[Collection(SharedGateway.Name)]
public class HttpApiPageTests(GatewayServer server)
{
    [Fact]
    public async Task the_role_tables_of_docs_http_api_md_are_what_the_openapi_document_declares()
    {
        var openApi = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var generated = RoleTablePage.Markdown(openApi);
        var path = Path.Combine(Repository.Root(), "docs", "http-api.md");
        var page = File.ReadAllText(path).ReplaceLineEndings("\n");

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            File.WriteAllText(path, page.Replace(RoleTablePage.Region(page), generated));
        else
            RoleTablePage.Region(page).Should().Be(generated,
                $"docs/http-api.md is stale (first difference: {FirstDifference(RoleTablePage.Region(page), generated)}): regenerate its role tables with `{RoleTablePage.Command}`");
    }

    private static string FirstDifference(string committed, string generated)
    {
        string[] a = committed.Split('\n'), b = generated.Split('\n');
        var i = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(n => a[n] != b[n], Math.Min(a.Length, b.Length));
        return $"the page has \"{(i < a.Length ? a[i] : "(end)")}\", the document says \"{(i < b.Length ? b[i] : "(end)")}\"";
    }

    [Fact]
    public async Task every_operation_is_in_the_tables_with_its_roles()
    {
        var openApi = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var tables = RoleTablePage.Markdown(openApi);

        tables.Should().Contain("| `POST /drops/{id}/open` | operator, creator (own drops only) |")
            .And.Contain("| `GET /events` | operator, analyst |")
            .And.Contain("| `POST /nodes/{id}/heartbeats` | node |")
            .And.Contain("| `GET /drops/{id}` | public |");
        var operations = openApi.GetProperty("paths").EnumerateObject().Sum(p => p.Value.EnumerateObject().Count());
        tables.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal)).Should().Be(operations);
    }
}
