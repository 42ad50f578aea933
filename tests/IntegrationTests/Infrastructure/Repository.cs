namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>The checked-out repository the tests run from, for tests that read its committed documents.</summary>
public static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MicroEvents.Orleans.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("The repository root (MicroEvents.Orleans.sln) is not above the test binaries.");
    }
}
