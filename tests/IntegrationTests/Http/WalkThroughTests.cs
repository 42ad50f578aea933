using System.Diagnostics;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>
/// The README's first walk-through ("A first drop") is run as written, with bash and curl, against the real
/// gateway: only its two variables (the address and the development key) are swapped for this fixture's. So the
/// commands a newcomer copies cannot rot; a changed command or answer fails here.
/// </summary>
[Collection(SharedGateway.Name)]
public class WalkThroughTests(GatewayServer server)
{
    private const string Heading = "## A first drop";
    private const string ApiLine = "API=http://localhost:5080";
    private const string KeyLine = "OP='Authorization: Bearer mev_…'      # the development operator key";
    private const string Step = "### step";

    [Fact]
    public async Task the_readme_walk_through_runs_and_answers_as_its_comments_say()
    {
        var script = FirstBashBlockUnder(File.ReadAllText(Path.Combine(Repository.Root(), "README.md")), Heading);
        script.Should().Contain(ApiLine).And.Contain(KeyLine, "the walk-through sets the address and the key the test swaps");
        script = script.Replace(ApiLine, $"API={server.BaseAddress.ToString().TrimEnd('/')}")
            .Replace(KeyLine, $"OP='Authorization: Bearer {server.OperatorKey}'");
        // One marker before each command, so each answer can be judged on its own.
        script = string.Join('\n', script.Split('\n').Select(line => line.StartsWith("curl ", StringComparison.Ordinal) ? $"echo; echo '{Step}'; {line}" : line));

        var output = await Bash(script);
        var steps = output.Split(Step).Skip(1).Select(s => s.Trim()).ToArray();

        steps.Should().HaveCount(7, "the walk-through has seven commands");
        steps[0].Should().Contain("\"id\":\"summer-jam\"").And.Contain("\"status\":\"draft\"", "the drop is created as a draft");
        steps[1].Should().Contain("\"status\":\"open\"");
        steps[2].Should().StartWith("HTTP/1.1 201", "the first claim mints");
        steps[3].Should().StartWith("HTTP/1.1 200", "the retry of the same claim replays it");
        Body(steps[3]).Should().Be(Body(steps[2]), "the retry answers the identical receipt");
        steps[4].Should().Contain("/problems/wallet-limit-reached");
        steps[5].Should().Contain("\"minted\":1");
        steps[6].Should().Contain("\"version\":3").And.Contain("phone-42", "the stream holds created, opened and the one mint");
    }

    private static string FirstBashBlockUnder(string markdown, string heading)
    {
        var section = markdown[(markdown.IndexOf(heading + "\n", StringComparison.Ordinal) is var at and >= 0 ? at : throw new InvalidOperationException($"README has no \"{heading}\""))..];
        var start = section.IndexOf("```bash\n", StringComparison.Ordinal) + "```bash\n".Length;
        return section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];
    }

    private static string Body(string response) => response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Trim();

    private static async Task<string> Bash(string script)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-e", "-c", script])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await bash.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { bash.Kill(entireProcessTree: true); throw; }
        bash.ExitCode.Should().Be(0, $"the walk-through runs without errors: {await stderr}");
        return await stdout;
    }
}
