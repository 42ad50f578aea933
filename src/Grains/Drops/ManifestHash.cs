using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using MicroEvents.Drops.Events;

namespace MicroEvents.Drops;

/// <summary>
/// SHA-256 of the manifest's canonical JSON: keys in a fixed (alphabetical) order, no whitespace,
/// timestamps as UTC ISO 8601, normalised values. Two equal manifests always hash alike, so anyone
/// holding the manifest can check it against <see cref="DropCreated.ManifestHash"/>.
/// </summary>
public static class ManifestHash
{
    // Text is written as plain UTF-8 (only quotes, backslashes and control characters escaped), so the
    // canonical JSON can be rebuilt byte for byte by any JSON library, not just .NET's cautious default.
    private static readonly JsonWriterOptions CanonicalWriting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(DropCreated m) => Convert.ToHexStringLower(SHA256.HashData(Canonical(m)));

    /// <summary>The canonical JSON itself (UTF-8), what venue nodes are primed with and hash to check.</summary>
    public static byte[] Canonical(DropCreated m)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, CanonicalWriting))
        {
            json.WriteStartObject();
            json.WriteStartArray("assets");
            foreach (var a in m.Assets)
            {
                json.WriteStartObject();
                json.WriteString("mediaType", a.MediaType);
                json.WriteString("sha256", a.Sha256);
                json.WriteString("uri", a.Uri);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("creator", m.Creator);
            // Only present when set, like limits.
            if (m.Custody is { } custody)
            {
                json.WriteStartObject("custody");
                WriteNumber(json, "escrowHours", custody.EscrowHours);
                json.WriteString("unconfirmedPolicy", CustodyRules.PolicyOf(custody));
                json.WriteEndObject();
            }
            WriteTime(json, "endsAt", m.EndsAt);
            json.WriteString("id", m.DropId);
            // Only present when set, so manifests without limits keep the hash they always had.
            if (m.Limits is { } limits)
            {
                json.WriteStartObject("limits");
                WriteNumber(json, "claimsPerIpPerMinute", limits.ClaimsPerIpPerMinute);
                WriteNumber(json, "claimsPerWalletPerMinute", limits.ClaimsPerWalletPerMinute);
                WriteNumber(json, "walletsPerIpPerWindow", limits.WalletsPerIpPerWindow);
                json.WriteEndObject();
            }
            json.WriteNumber("perWalletLimit", m.PerWalletLimit);
            WriteTime(json, "startsAt", m.StartsAt);
            json.WriteNumber("supply", m.Supply);
            json.WriteStartArray("tiers");
            foreach (var t in m.Tiers)
            {
                json.WriteStartObject();
                json.WriteNumber("allocation", t.Allocation);
                json.WriteString("name", t.Name);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("title", m.Title);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v) json.WriteString(name, v.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        else json.WriteNull(name);
    }
}
