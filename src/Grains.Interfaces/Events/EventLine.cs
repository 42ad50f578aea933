using System.Buffers;
using System.Text.Json;

namespace MicroEvents.Events;

/// <summary>
/// The NDJSON export format, one event per line:
/// <c>{"stream","kind","version","sequence","timestamp","alias","correlationId","data"}</c>.
/// Shared by <c>GET /events</c>, the <c>export</c> verb and the <c>replay</c> check, so all agree.
/// </summary>
public static class EventLine
{
    public const string MediaType = "application/x-ndjson";

    // The payload is written as stored (already valid JSON from jsonb): re-validating it would double the cost.
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    public static void Write(IBufferWriter<byte> output, ExportedEvent e)
    {
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteString("stream", e.Stream);
            json.WriteString("kind", e.Kind);
            json.WriteNumber("version", e.Version);
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("timestamp", e.Timestamp);
            json.WriteString("alias", e.Alias);
            if (e.CorrelationId is null) json.WriteNull("correlationId"); else json.WriteString("correlationId", e.CorrelationId);
            json.WritePropertyName("data");
            json.WriteRawValue(e.DataJson, skipInputValidation: true);
            json.WriteEndObject();
        }
        output.Write("\n"u8);
    }

    /// <summary>One line back into an event; throws <see cref="JsonException"/> or <see cref="KeyNotFoundException"/> on a malformed line.</summary>
    public static ExportedEvent Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        return new ExportedEvent(
            root.GetProperty("stream").GetString()!,
            root.GetProperty("version").GetInt64(),
            root.GetProperty("sequence").GetInt64(),
            root.GetProperty("timestamp").GetDateTimeOffset(),
            root.GetProperty("alias").GetString()!,
            root.GetProperty("correlationId").GetString(),
            root.GetProperty("data").GetRawText());
    }
}
