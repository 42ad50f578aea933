using System.ComponentModel;
using System.Reflection;
using System.Text;
using System.Text.Json;
using MicroEvents.EventSourcing;

namespace MicroEvents.Catalogue;

/// <summary>
/// The analysts' schema as Markdown, generated from the contract so it cannot drift from what is
/// stored: every aliased event, grouped by stream kind, with its JSON fields, their types and meaning.
/// </summary>
public static class EventCatalogue
{
    public const string Command = "dotnet run --project src/Silo -- catalogue --out docs/events.md";

    public static IReadOnlyList<CatalogueEntry> Entries() =>
        JournalStore.EventAliases()
            .OrderBy(a => a.Alias, StringComparer.Ordinal)
            .Select(a => new CatalogueEntry(a.Alias, KindOf(a.Alias), a.Type, DescriptionOf(a.Type), Fields(a.Type)))
            .ToList();

    /// <summary>The stream kind is the alias's first segment: <c>drop.token_minted.v1</c> lives in <c>drop/{id}</c>.</summary>
    public static string KindOf(string alias) => alias.Split('.', 2)[0];

    public static string Markdown()
    {
        var md = new StringBuilder();
        md.Append("# Event catalogue\n\n")
          .Append($"Generated from the code by `{Command}`; do not edit by hand (a test fails when it is stale).\n\n")
          .Append("Every actor's events are stored in the stream `{kind}/{id}` under a stable alias `{kind}.{event}.v{n}`. ")
          .Append("An alias never changes meaning: a new shape is a new alias, and old ones stay readable through upcasters. ")
          .Append("Fields are the JSON properties of `data` in the export (`GET /events`, `export`); timestamps are ISO 8601 with offset.\n");
        foreach (var kind in Entries().GroupBy(e => e.Kind))
        {
            md.Append($"\n## `{kind.Key}/{{id}}`\n\n");
            if (DescriptionOf(kind.First().Type.BaseType) is { Length: > 0 } about) md.Append(about).Append("\n\n");
            md.Append("| alias | meaning |\n|---|---|\n");
            foreach (var e in kind) md.Append($"| [`{e.Alias}`](#{Anchor(e.Alias)}) | {e.Meaning} |\n");
            foreach (var e in kind)
            {
                md.Append($"\n### {e.Alias}\n\n{e.Meaning}\n\n")
                  .Append("| field | type | meaning |\n|---|---|---|\n");
                foreach (var f in e.Fields) md.Append($"| `{f.Name}` | {f.Type} | {f.Meaning} |\n");
            }
        }
        return md.ToString();
    }

    private static IReadOnlyList<CatalogueField> Fields(Type type, string prefix = "")
    {
        var nullability = new NullabilityInfoContext();
        var fields = new List<CatalogueField>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType != typeof(object) && p.Name != "EqualityContract"))
        {
            var name = prefix + JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            var optional = nullability.Create(p).ReadState == NullabilityState.Nullable;
            var element = ElementOf(p.PropertyType);
            fields.Add(new CatalogueField(name, TypeName(p.PropertyType) + (optional ? " or null" : ""), DescriptionOf(p)));
            if (element is not null && IsRecord(element)) fields.AddRange(Fields(element, name + "[]."));
        }
        return fields;
    }

    private static string TypeName(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (ElementOf(t) is { } element) return $"list of {TypeName(element)}";
        return t switch
        {
            _ when t == typeof(string) => "string",
            _ when t == typeof(long) || t == typeof(int) => "integer",
            _ when t == typeof(bool) => "boolean",
            _ when t == typeof(decimal) || t == typeof(double) => "number",
            _ when t == typeof(DateTimeOffset) => "timestamp",
            _ when t == typeof(Guid) => "uuid",
            _ when t.IsEnum => "string (" + string.Join(", ", Enum.GetNames(t).Select(JsonNamingPolicy.CamelCase.ConvertName)) + ")",
            _ => "object",
        };
    }

    private static Type? ElementOf(Type t) =>
        t != typeof(string) && t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments()[0] : null;

    private static bool IsRecord(Type t) => t.IsClass && t != typeof(string);

    private static string DescriptionOf(MemberInfo? member) =>
        member?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";

    private static string Anchor(string alias) => alias.Replace(".", "");
}

public sealed record CatalogueEntry(string Alias, string Kind, Type Type, string Meaning, IReadOnlyList<CatalogueField> Fields);

public sealed record CatalogueField(string Name, string Type, string Meaning);
