using MicroEvents.IntegrationTests.Infrastructure;
using System.Diagnostics;

namespace MicroEvents.IntegrationTests.Settlement;

/// <summary>The checked-in ABI and bytecode are what contracts/*.sol compiles to (solc-js from tools/contracts, offline).</summary>
[Trait(Category.Name, Category.Slow)]
public class ContractArtifactTests
{
    [Fact]
    public async Task the_checked_in_artifacts_match_the_solidity_source()
    {
        var tools = Path.Combine(RepositoryRoot(), "tools", "contracts");
        File.Exists(Path.Combine(tools, "node_modules", "solc", "soljson.js")).Should().BeTrue(
            "the build installs tools/contracts with npm ci (or run it there by hand)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = tools, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("build.mjs");
        start.ArgumentList.Add("--check");
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        node.ExitCode.Should().Be(0, await errors + await output);
        (await output).Should().Contain("artifacts match the source");
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MicroEvents.Orleans.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("The repository root (MicroEvents.Orleans.sln) is not above the test binaries.");
    }
}
