namespace MicroEvents.Gateway.Secrets;

/// <summary>
/// The secrets file: <c>NAME=value</c> lines with environment-variable names (<c>Claims__SecretKey=…</c>),
/// <c>#</c> comments. The same file works as systemd's <c>EnvironmentFile=</c> and Docker's <c>--env-file</c>.
/// Written readable by its owner only (0600), created that way so it is never briefly readable by others.
/// </summary>
public static class SecretsFile
{
    /// <summary>Configuration keys (<c>Claims:SecretKey</c>) and values.</summary>
    public static Dictionary<string, string> Read(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"The secrets file {path} does not exist; make it with `dotnet run --project src/Silo -- secrets init --file {path}`.");
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var raw in File.ReadAllLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var equals = line.IndexOf('=');
            if (equals <= 0) throw new InvalidOperationException($"The secrets file {path}, line {number}, is not NAME=value.");
            values[line[..equals].Trim().Replace("__", ":")] = line[(equals + 1)..].Trim();
        }
        return values;
    }

    /// <summary>True when group or others may read the file (a warning, not a refusal: mounted secret stores often use 0644).</summary>
    public static bool ReadableByOthers(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0;

    /// <summary>
    /// Writes every secret the file lacks, keeping the ones it has: running it again never replaces a key
    /// (a new key-encryption key would make stored signing keys unreadable). Returns the keys it added.
    /// </summary>
    public static IReadOnlyList<SharedSecret> Ensure(string path, IReadOnlyDictionary<string, string>? seed = null)
    {
        var existing = File.Exists(path) ? Read(path) : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var added = SharedSecret.All.Where(s => !existing.ContainsKey(s.Key)).ToList();
        if (added.Count == 0) return added;

        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList()
            : ["# MicroEvents cluster secrets: the same file for every silo and gateway of one deployment.", "# Environment variables of the same names override these values."];
        foreach (var s in added)
        {
            lines.Add($"# {s.Purpose}");
            lines.Add($"{s.Variable}={(seed is not null && seed.TryGetValue(s.Key, out var v) ? v : s.Make())}");
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            foreach (var line in lines) writer.WriteLine(line);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, full, overwrite: true);
        return added;
    }
}
