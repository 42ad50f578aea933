using System.Text;
using System.Text.Json;

namespace MicroEvents.IntegrationTests.Auth;

/// <summary>
/// The role tables of docs/http-api.md, rendered from the served OpenAPI document: one table per tag,
/// every operation with the roles its <c>x-roles</c> names and its summary. Generated, so the page cannot
/// promise a role the gateway does not enforce.
/// </summary>
public static class RoleTablePage
{
    public const string Begin = "<!-- role tables: generated from the OpenAPI document's x-roles; do not edit by hand -->";
    public const string End = "<!-- end of role tables -->";
    public const string Command = "UPDATE_DOCS=1 dotnet test tests/IntegrationTests --filter FullyQualifiedName~HttpApiPageTests";

    public static string Markdown(JsonElement openApi)
    {
        var operations = openApi.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => new
            {
                Tag = op.Value.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0 ? tags[0].GetString()! : "Other",
                Route = $"{op.Name.ToUpperInvariant()} {path.Name}",
                Roles = Describe(op.Value.GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()!)),
                Summary = op.Value.TryGetProperty("summary", out var summary) ? summary.GetString() ?? "" : "",
            }));

        var page = new StringBuilder().Append(Begin).Append('\n');
        foreach (var tag in operations.GroupBy(o => o.Tag).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            page.Append("\n### ").Append(tag.Key).Append("\n\n| operation | who may call | what |\n|---|---|---|\n");
            foreach (var op in tag.OrderBy(o => o.Route.Split(' ')[1], StringComparer.Ordinal).ThenBy(o => o.Route, StringComparer.Ordinal))
                page.Append($"| `{op.Route}` | {op.Roles} | {Cell(op.Summary)} |\n");
        }
        return page.Append('\n').Append(End).ToString();
    }

    /// <summary>The region of the committed page between the markers, markers included.</summary>
    public static string Region(string page)
    {
        int from = page.IndexOf(Begin, StringComparison.Ordinal), to = page.IndexOf(End, StringComparison.Ordinal);
        if (from < 0 || to < from) throw new InvalidOperationException("docs/http-api.md has lost its role-table markers");
        return page[from..(to + End.Length)];
    }

    /// <summary>The same words the operation's description uses (<c>EndpointAccess.Describe</c>): creators only ever act on their own drops.</summary>
    private static string Describe(IEnumerable<string> roles) =>
        string.Join(", ", roles.Select(r => r == "creator" ? "creator (own drops only)" : r));

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|");
}
