using System.Text.Json;
using MicroEvents.Events;

namespace MicroEvents.Replay;

/// <summary>Reads one exported event line, saying which field is missing or malformed instead of throwing.</summary>
public static class ExportLine
{
    public static ExportedEvent? Read(JsonElement root, out string? problem)
    {
        problem = null;
        if (!Text(root, "stream", out var stream) || !stream.Contains('/')) problem = "has no stream key ({kind}/{id})";
        else if (!Number(root, "version", out var version) || version < 1) problem = "has no version";
        else if (!Number(root, "sequence", out var sequence) || sequence < 1) problem = "has no sequence";
        else if (!root.TryGetProperty("timestamp", out var stamp) || stamp.ValueKind != JsonValueKind.String || !stamp.TryGetDateTimeOffset(out var timestamp))
            problem = "has no ISO 8601 timestamp";
        else if (!Text(root, "alias", out var alias)) problem = "has no alias";
        else if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object) problem = "has no data object";
        else
        {
            var correlation = root.TryGetProperty("correlationId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return new ExportedEvent(stream, version, sequence, timestamp, alias, correlation, data.GetRawText());
        }
        return null;
    }

    private static bool Text(JsonElement root, string name, out string value)
    {
        value = root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
        return value.Length > 0;
    }

    private static bool Number(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value);
    }
}
