using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace MicroEvents.Replay;

/// <summary>
/// The integrity of an export file. Every line ends with <c>"hash"</c>: SHA-256 over the previous line's
/// hash (32 zero bytes before the first line) followed by the line's own UTF-8 text up to, not including,
/// <c>,"hash":"</c>. So changing, moving or removing any line breaks the chain at that line, and the
/// trailer's digest (the last line's hash) and count catch a missing tail.
/// </summary>
public static class ExportChain
{
    public const int HashHexLength = 64;

    /// <summary>What stands before the hash on every line: the line's content ends right before it.</summary>
    public static ReadOnlySpan<byte> HashField => ",\"hash\":\""u8;

    public static byte[] Genesis() => new byte[SHA256.HashSizeInBytes];

    public static byte[] Next(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        hash.AppendData(content);
        return hash.GetHashAndReset();
    }

    public static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    /// <summary>
    /// Splits a line into its content and stated hash; false when the line does not end with
    /// <c>,"hash":"&lt;64 hex&gt;"}</c> (an older export, or a line whose end was cut or edited).
    /// </summary>
    public static bool TrySplit(string line, out byte[] content, out string statedHash)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var suffix = HashField.Length + HashHexLength + 2; // ,"hash":" + hex + "}
        content = [];
        statedHash = "";
        if (bytes.Length <= suffix || !bytes.AsSpan(bytes.Length - 2).SequenceEqual("\"}"u8)) return false;
        var start = bytes.Length - suffix;
        if (!bytes.AsSpan(start, HashField.Length).SequenceEqual(HashField)) return false;
        var hex = Encoding.ASCII.GetString(bytes, start + HashField.Length, HashHexLength);
        if (!hex.All(Uri.IsHexDigit)) return false;
        content = bytes[..start];
        statedHash = hex.ToLowerInvariant();
        return true;
    }

    /// <summary>Writes <paramref name="content"/> (a JSON object without its closing brace) with its hash, and the newline.</summary>
    public static void WriteLine(IBufferWriter<byte> output, ReadOnlySpan<byte> content, ReadOnlySpan<byte> hash)
    {
        output.Write(content);
        output.Write(HashField);
        output.Write(Encoding.ASCII.GetBytes(Hex(hash)));
        output.Write("\"}\n"u8);
    }
}
