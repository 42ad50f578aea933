using System.Security.Cryptography;

namespace MicroEvents.Silo.Hosting;

/// <summary>
/// The local run (project-owned PostgreSQL) keeps a generated key-encryption key beside its data, readable
/// by this user only, so `dotnet run` needs no set-up. A configured PostgreSQL needs a configured key.
/// </summary>
public static class DevelopmentKeys
{
    public static string KeyFile(SiloSettings settings)
    {
        var dataDirectory = settings.LocalDataDirectory ?? Storage.DefaultDataDirectory();
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataDirectory))!, Path.GetFileName(dataDirectory) + "-receipts.kek");
    }

    public static byte[] KeyEncryptionKey(SiloSettings settings)
    {
        var path = KeyFile(settings);
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());

        var key = RandomNumberGenerator.GetBytes(MicroEvents.Receipts.KeyEncryptionKey.Bytes);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
