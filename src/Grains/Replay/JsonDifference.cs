using System.Text.Json;

namespace MicroEvents.Replay;

/// <summary>Where two JSON values first differ, as a path a person can find (<c>wallet</c>, <c>tiers[1].name</c>).</summary>
public static class JsonDifference
{
    /// <summary>Null when equal; else the first differing path with both values, shortened.</summary>
    public static string? Find(JsonElement left, JsonElement right, string path = "")
    {
        if (left.ValueKind != right.ValueKind) return Describe(path, left, right);
        switch (left.ValueKind)
        {
            case JsonValueKind.Object:
                var names = left.EnumerateObject().Select(p => p.Name).Union(right.EnumerateObject().Select(p => p.Name));
                foreach (var name in names)
                {
                    var inner = path.Length == 0 ? name : $"{path}.{name}";
                    var hasLeft = left.TryGetProperty(name, out var l);
                    var hasRight = right.TryGetProperty(name, out var r);
                    if (!hasLeft || !hasRight) return $"{inner} is {(hasLeft ? Short(l) : "absent")} in the file but {(hasRight ? Short(r) : "absent")} stored";
                    if (Find(l, r, inner) is { } found) return found;
                }
                return null;
            case JsonValueKind.Array:
                var (a, b) = (left.GetArrayLength(), right.GetArrayLength());
                for (var i = 0; i < Math.Min(a, b); i++)
                    if (Find(left[i], right[i], $"{path}[{i}]") is { } found) return found;
                return a == b ? null : $"{(path.Length == 0 ? "the list" : path)} has {a} items in the file but {b} stored";
            default:
                return JsonElement.DeepEquals(left, right) ? null : Describe(path, left, right);
        }
    }

    private static string Describe(string path, JsonElement left, JsonElement right) =>
        $"{(path.Length == 0 ? "the value" : path)} is {Short(left)} in the file but {Short(right)} stored";

    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 80 ? text : text[..77] + "...";
    }
}
