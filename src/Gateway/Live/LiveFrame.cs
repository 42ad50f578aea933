using System.Text;
using System.Text.Json;
using MicroEvents.Live;

namespace MicroEvents.Gateway.Live;

/// <summary>
/// A live message as Server-Sent Events bytes, formatted once per gateway and written to every client.
/// Rate-only messages carry no <c>id:</c>, so a client's resume position stays the last stream version.
/// </summary>
public sealed record LiveFrame(LiveMessage Message, byte[] Bytes)
{
    public static readonly byte[] Heartbeat = ": keep-alive\n\n"u8.ToArray();

    /// <summary>Tells EventSource how long to wait before reconnecting.</summary>
    public static readonly byte[] Retry = "retry: 2000\n\n"u8.ToArray();

    public static LiveFrame Of(LiveMessage message, JsonSerializerOptions json)
    {
        var kind = message.Kind switch { LiveKind.Status => "status", LiveKind.Rate => "rate", _ => "progress" };
        var id = message.Kind == LiveKind.Rate ? "" : $"id: {message.Version}\n";
        // Serialised JSON has no raw line breaks, so one data line carries it.
        return new LiveFrame(message, Encoding.UTF8.GetBytes($"{id}event: {kind}\ndata: {JsonSerializer.Serialize(message, json)}\n\n"));
    }

    /// <summary>Whether a client that has everything up to <paramref name="position"/> still needs this.</summary>
    public bool NewAfter(long position) => Message.Kind == LiveKind.Rate || Message.Version > position;
}
