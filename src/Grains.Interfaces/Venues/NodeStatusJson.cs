using System.Text.Json;
using System.Text.Json.Serialization;

namespace MicroEvents.Venues;

/// <summary>
/// A node's status in stored events, spelled as the API spells it: <c>"online"</c>, <c>"degraded"</c>,
/// <c>"offline"</c>. Events stored before said <c>"Degraded"</c>; any case reads, so they still fold the same.
/// (On the property: a converter in the serializer's options would win over one on the enum.)
/// </summary>
public sealed class NodeStatusJson : JsonConverter<NodeStatus>
{
    public override NodeStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? (NodeStatus)reader.GetInt32()
        : Enum.TryParse<NodeStatus>(reader.GetString(), ignoreCase: true, out var status) && Enum.IsDefined(status) ? status
        : throw new JsonException($"Not a node status: '{reader.GetString()}'.");

    public override void Write(Utf8JsonWriter writer, NodeStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString().ToLowerInvariant());
}
