using System.Buffers;
using System.Text.Json;

namespace MicroEvents.Replay;

/// <summary>
/// The last line of an export: <c>{"trailer":"microevents.export.v1","events":N,"lastSequence":S,"digest":"…"}</c>.
/// It has no <c>stream</c>, so tools that read events skip it; its count and digest (the last event line's
/// hash) prove the file ends where the export ended.
/// </summary>
public sealed record ExportTrailer(long Events, long LastSequence, string Digest)
{
    public const string Format = "microevents.export.v1";

    public void Write(IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("trailer", Format);
            json.WriteNumber("events", Events);
            json.WriteNumber("lastSequence", LastSequence);
            json.WriteString("digest", Digest);
            json.WriteEndObject();
        }
        output.Write("\n"u8);
    }

    /// <summary>True when <paramref name="root"/> is a trailer line (it names the format), whatever else it holds.</summary>
    public static bool IsTrailer(JsonElement root) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("trailer", out _);

    /// <summary>The trailer, or null with <paramref name="problem"/> when it does not read as this format's trailer.</summary>
    public static ExportTrailer? Read(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.GetProperty("trailer") is not { ValueKind: JsonValueKind.String } format || format.GetString() != Format)
            problem = $"the trailer's format is not {Format}";
        else if (!root.TryGetProperty("events", out var events) || !events.TryGetInt64(out var count))
            problem = "the trailer has no event count";
        else if (!root.TryGetProperty("lastSequence", out var last) || !last.TryGetInt64(out var sequence))
            problem = "the trailer has no last sequence";
        else if (!root.TryGetProperty("digest", out var digest) || digest.ValueKind != JsonValueKind.String)
            problem = "the trailer has no digest";
        else
            return new ExportTrailer(count, sequence, digest.GetString()!);
        return null;
    }
}
