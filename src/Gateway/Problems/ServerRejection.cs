using System.Text;
using System.Text.Json;
using MicroEvents.Rejections;

namespace MicroEvents.Gateway.Problems;

/// <summary>The problem body for a request Kestrel rejected before the app ran, from its status and the bytes it read.</summary>
public static class ServerRejection
{
    public static byte[] Problem(int status, ReadOnlySpan<byte> recentInput)
    {
        var code = ProblemTypes.ForStatus(status);
        var detail = status switch
        {
            413 => "The request body is larger than this gateway accepts.",
            414 => "The request line is longer than this gateway accepts (8 KiB); send long inputs in a JSON body.",
            431 => "The request headers are larger than this gateway accepts.",
            505 => "This gateway speaks HTTP/1.1 and HTTP/2.",
            _ => "The request line or a header is malformed; nothing was read past it.",
        };
        Dictionary<string, string[]>? errors = null;
        if (status == 400 && Offending(recentInput) is { } field)
        {
            code = RejectionCodes.ValidationFailed;
            detail = $"The {field} contains a control character.";
            errors = new() { [field] = ["has a control character (U+0000)"] };
        }
        var problem = new Dictionary<string, object>
        {
            ["type"] = ProblemTypes.Uri(code), ["title"] = ProblemTypes.Title(code), ["status"] = status, ["detail"] = detail,
        };
        if (errors is not null) problem["errors"] = errors;
        return JsonSerializer.SerializeToUtf8Bytes(problem);
    }

    /// <summary>The header (or "path") of the last line read that holds a NUL byte, raw or as %00.</summary>
    private static string? Offending(ReadOnlySpan<byte> recent)
    {
        var text = Encoding.Latin1.GetString(recent);
        var lines = text.Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i];
            var requestLine = line.Contains(" HTTP/", StringComparison.Ordinal);
            if (requestLine && (line.Contains('\0') || line.Contains("%00", StringComparison.Ordinal))) return "path";
            if (!line.Contains('\0')) continue;
            var colon = line.IndexOf(':');
            var name = colon > 0 ? line[..colon] : "";
            return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? name : null;
        }
        return null;
    }
}
