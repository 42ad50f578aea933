using System.Globalization;

namespace MicroEvents.Silo.Backups;

/// <summary>
/// What <c>backup</c> writes: <c>base-&lt;UTC start&gt;/</c> folders (pg_basebackup, plain format, each with its
/// <c>backup_manifest</c> once complete) and <c>wal/</c> (pg_receivewal: every WAL segment since the first backup).
/// </summary>
public sealed record BackupFolder(string Root)
{
    public const string Slot = "microevents_backup";
    private const string StampFormat = "yyyyMMdd'T'HHmmss'Z'";

    public string Wal => Path.Combine(Root, "wal");

    public string NewBase(DateTimeOffset started) => Path.Combine(Root, "base-" + started.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture));

    /// <summary>Complete base backups (a manifest is written last), oldest first, with their start time.</summary>
    public IReadOnlyList<(string Path, DateTimeOffset Started)> Bases() =>
        !Directory.Exists(Root) ? []
        : Directory.GetDirectories(Root, "base-*")
            .Where(d => File.Exists(System.IO.Path.Combine(d, "backup_manifest")))
            .Select(d => (Path: d, Ok: DateTime.TryParseExact(System.IO.Path.GetFileName(d)[5..], StampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t), Started: new DateTimeOffset(t, TimeSpan.Zero)))
            .Where(b => b.Ok)
            .OrderBy(b => b.Started)
            .Select(b => (b.Path, b.Started))
            .ToList();
}
