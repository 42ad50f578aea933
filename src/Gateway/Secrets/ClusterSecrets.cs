namespace MicroEvents.Gateway.Secrets;

/// <summary>
/// Where a process gets its shared secrets: configuration first (environment variables, a production secret
/// store that sets them, the command line), then the secrets file named by <c>Secrets:File</c>
/// (<c>Secrets__File</c>, <c>--secrets</c>). A member that needs one and has none refuses to start.
/// </summary>
public static class ClusterSecrets
{
    public const string FileSetting = "Secrets:File";
    public const string InitCommand = "dotnet run --project src/Silo -- secrets init --file <path>";

    /// <summary>Fills each secret the configuration lacks from the file, if one is named; returns its path.</summary>
    public static string? FillFrom(IConfiguration config, string? file)
    {
        file = string.IsNullOrWhiteSpace(file) ? config[FileSetting] : file;
        if (string.IsNullOrWhiteSpace(file)) return null;
        foreach (var (key, value) in SecretsFile.Read(file))
            if (string.IsNullOrWhiteSpace(config[key])) config[key] = value;
        return file;
    }

    public static IReadOnlyList<SharedSecret> Missing(Func<string, string?> lookup, bool silo) =>
        SharedSecret.All.Where(s => (silo ? s.NeededBySilos : s.NeededByGateways) && string.IsNullOrWhiteSpace(lookup(s.Key))).ToList();

    /// <summary>One message naming every missing secret, its variable, and how to make them.</summary>
    public static string Refusal(IReadOnlyList<SharedSecret> missing, string? file) =>
        $"missing secret(s): {string.Join("; ", missing.Select(s => $"{s.Key} (environment {s.Variable}: {s.Purpose})"))}" +
        (file is null ? ". No secrets file is configured" : $". The secrets file {file} does not hold them either") +
        $". Make the cluster's secrets once with `{InitCommand}`, then start every silo and gateway with Secrets__File=<path> (or --secrets <path>), " +
        "or set the environment variables from your secret store.";

    public static void Require(Func<string, string?> lookup, bool silo, string? file)
    {
        var missing = Missing(lookup, silo);
        if (missing.Count > 0) throw new InvalidOperationException(Refusal(missing, file));
    }
}
